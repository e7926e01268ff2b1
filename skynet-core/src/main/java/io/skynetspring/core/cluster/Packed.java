package io.skynetspring.core.cluster;

import io.skynetspring.core.service.Shareable;

/** A lua-seri body on its way to a link: packed once by the caller, never changed, so it crosses services as is. */
@Shareable
final class Packed {

    final byte[] body;

    Packed(byte[] body) {
        this.body = body;
    }
}
