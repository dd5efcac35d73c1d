/**
 * Pieces the services share: paying for calls against a run's ledger, recording cache hits,
 * reading JSON answers of language models. Not API: may change without notice.
 */
package dev.vcg.services.internal;
