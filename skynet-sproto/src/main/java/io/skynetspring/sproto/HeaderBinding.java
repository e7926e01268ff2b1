package io.skynetspring.sproto;

/**
 * Encodes a packet header straight from its three values: {@code type}, {@code session} and {@code ud}
 * (each absent when null), the other fields of the header type absent. Encode only.
 */
final class HeaderBinding extends Binding {

    private static final int TYPE = 0;
    private static final int SESSION = 1;
    private static final int UD = 2;

    /** One header's values. */
    record Values(Integer type, Long session, Long ud) {
    }

    /** Per field of the header type: which value it holds, or -1. */
    private final int[] roles;

    HeaderBinding(SprotoType header) {
        super(header);
        Field[] fields = header.fieldArray();
        roles = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            roles[i] = switch (fields[i].name()) {
                case "type" -> TYPE;
                case "session" -> SESSION;
                case "ud" -> UD;
                default -> -1;
            };
        }
    }

    @Override
    Object get(Object struct, int index) {
        Values v = (Values) struct;
        return switch (roles[index]) {
            case TYPE -> v.type();
            case SESSION -> v.session();
            case UD -> v.ud();
            default -> null;
        };
    }

    @Override
    Binding encodeBinding(int index, Object value) {
        throw new UnsupportedOperationException("a header holds integers only");
    }

    @Override
    Binding decodeBinding(int index) {
        throw new UnsupportedOperationException("encode only");
    }

    @Override
    Object start() {
        throw new UnsupportedOperationException("encode only");
    }

    @Override
    void set(Object builder, int index, Object value) {
        throw new UnsupportedOperationException("encode only");
    }

    @Override
    Object finish(Object builder) {
        throw new UnsupportedOperationException("encode only");
    }
}
