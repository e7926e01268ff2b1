package io.skynetspring.boot.actuate;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;

import java.util.Optional;

/** How the endpoints read an address selector: {@code :0000000a}, {@code 0000000a}, bare hex on this node, or a name. */
final class AddressText {

    private AddressText() {
    }

    static Optional<Address> parse(SkynetRuntime runtime, String text) {
        if (text.matches("[0-9a-fA-F]{1,8}")) {
            int handle = (int) Long.parseLong(text, 16);
            return Optional.of(text.length() == 8 ? new Address(handle)
                    : Address.of(runtime.settings().nodeId(), handle));
        }
        if (text.startsWith(":")) {
            try {
                return Optional.of(Address.parse(text));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return runtime.resolve(text);
    }
}
