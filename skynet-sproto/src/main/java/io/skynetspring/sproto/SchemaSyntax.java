package io.skynetspring.sproto;

import java.util.List;

/** What the parser read, before type references are resolved; tokens keep their positions. */
final class SchemaSyntax {

    private SchemaSyntax() {
    }

    /** A type with its full dotted name, which is also where its fields start resolving references. */
    record TypeDecl(String name, SchemaToken at, List<FieldDecl> fields) {
    }

    /** The {@code (...)} after a field type: decimal places, a map key, or {@code ()}. */
    enum SuffixKind { NONE, DECIMALS, KEY, PAIR }

    record FieldDecl(String name, int tag, boolean array, SchemaToken typeRef,
                     SuffixKind suffix, SchemaToken suffixToken) {
    }

    /**
     * {@code request}/{@code response}: a reference token, or the full name of an inline body,
     * or neither.
     */
    record MessageDecl(SchemaToken typeRef, String inlineType) {
        static final MessageDecl NONE = new MessageDecl(null, null);
    }

    record ProtocolDecl(String name, int tag, SchemaToken at, MessageDecl request,
                        MessageDecl response, boolean confirm) {
    }

    record Schema(List<TypeDecl> types, List<ProtocolDecl> protocols) {
    }
}
