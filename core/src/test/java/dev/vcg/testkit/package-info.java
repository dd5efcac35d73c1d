/**
 * The provider contract test kit, published as the {@code vcg-core} test-jar: abstract JUnit
 * tests every provider implementation extends ({@link dev.vcg.testkit.ProviderFactoryContract},
 * {@link dev.vcg.testkit.LlmProviderContract}, {@link dev.vcg.testkit.ImageProviderContract},
 * {@link dev.vcg.testkit.VideoProviderContract}), a capturing SLF4J backend
 * ({@link dev.vcg.testkit.CapturedLogs}) so secret-leak tests can search every log line, and shared
 * helpers: {@link dev.vcg.testkit.Canary} keys, {@link dev.vcg.testkit.RecordingSleeper},
 * {@link dev.vcg.testkit.RecordingScheduler}, {@link dev.vcg.testkit.MutableClock},
 * {@link dev.vcg.testkit.LoopbackTrap}, {@link dev.vcg.testkit.Fixtures} and
 * {@link dev.vcg.testkit.TestImages}.
 *
 * <p>Add it with
 * {@code <dependency><groupId>dev.vcg</groupId><artifactId>vcg-core</artifactId><type>test-jar</type><scope>test</scope></dependency>}
 * plus JUnit Jupiter, AssertJ and WireMock in test scope, and no other SLF4J backend.
 */
package dev.vcg.testkit;
