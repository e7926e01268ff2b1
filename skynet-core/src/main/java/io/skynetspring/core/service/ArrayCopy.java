package io.skynetspring.core.service;

/**
 * Arrays cross as copies. {@code byte[]} too: a sender that reuses its buffer must not change what
 * the receiver holds (skynet copies every message); the copy is one memory copy. An empty array
 * cannot change, so it passes as it is.
 */
final class ArrayCopy {

    private ArrayCopy() {
    }

    static final Crossing PRIMITIVES = new Crossing() {
        @Override
        Object copy(Object value, int depth) {
            if (value instanceof byte[] a) {
                return a.length == 0 ? a : a.clone();
            }
            if (value instanceof int[] a) {
                return a.length == 0 ? a : a.clone();
            }
            if (value instanceof long[] a) {
                return a.length == 0 ? a : a.clone();
            }
            if (value instanceof double[] a) {
                return a.length == 0 ? a : a.clone();
            }
            if (value instanceof float[] a) {
                return a.length == 0 ? a : a.clone();
            }
            if (value instanceof short[] a) {
                return a.length == 0 ? a : a.clone();
            }
            if (value instanceof char[] a) {
                return a.length == 0 ? a : a.clone();
            }
            boolean[] a = (boolean[]) value;
            return a.length == 0 ? a : a.clone();
        }
    };

    static final Crossing OBJECTS = new Crossing() {
        @Override
        Object copy(Object value, int depth) {
            Object[] a = (Object[]) value;
            if (a.length == 0) {
                return a;
            }
            // same component type as the original
            Object[] out = a.clone();
            for (int i = 0; i < out.length; i++) {
                Object c = MessageCopy.value(out[i], depth + 1);
                try {
                    out[i] = c;
                } catch (ArrayStoreException e) {
                    throw new MessageCopy.Refusal("element " + i + " of a " + a.getClass().getComponentType().getName()
                            + "[] copies as a " + c.getClass().getName() + ", which the array cannot hold");
                }
            }
            return out;
        }
    };
}
