/**
 * The example HTTP server ({@code vcg serve}): the gateway's REST shapes over the JDK's
 * {@code com.sun.net.httpserver}, with progress as Server-Sent Events. {@link
 * dev.vcg.examples.server.GatewayServer} is the entry point; everything else is package-private.
 */
package dev.vcg.examples.server;
