/** Implementation of the URL guard and the pinned HTTP/1.1 client. Not API: may change at any time. */
package dev.vcg.services.web.internal;
