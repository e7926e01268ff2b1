package io.skynetspring.sproto;

import io.skynetspring.sproto.SchemaSyntax.FieldDecl;
import io.skynetspring.sproto.SchemaSyntax.MessageDecl;
import io.skynetspring.sproto.SchemaSyntax.ProtocolDecl;
import io.skynetspring.sproto.SchemaSyntax.Schema;
import io.skynetspring.sproto.SchemaSyntax.SuffixKind;
import io.skynetspring.sproto.SchemaSyntax.TypeDecl;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns parsed declarations into {@link SprotoType}s and {@link Protocol}s: resolves type
 * references by the scoping rule of the spec and checks what needs resolved types (unknown types,
 * map keys, two-field maps, suffixes that do not fit their type).
 */
final class SchemaLinker {

    private final Map<String, SprotoType> types = new LinkedHashMap<>();
    private final Map<String, TypeDecl> decls = new LinkedHashMap<>();

    private SchemaLinker() {
    }

    static Sproto link(Schema schema) {
        return new SchemaLinker().run(schema);
    }

    private Sproto run(Schema schema) {
        for (TypeDecl decl : schema.types()) {
            types.put(decl.name(), new SprotoType(decl.name()));
            decls.put(decl.name(), decl);
        }
        for (TypeDecl decl : schema.types()) {
            Field[] fields = decl.fields().stream()
                    .map(f -> field(decl.name(), f))
                    .sorted(Comparator.comparingInt(Field::tag))
                    .toArray(Field[]::new);
            types.get(decl.name()).install(fields);
        }
        Map<String, Protocol> protocols = new LinkedHashMap<>();
        for (ProtocolDecl decl : schema.protocols()) {
            protocols.put(decl.name(), new Protocol(decl.name(), decl.tag(),
                    message(decl.request()), message(decl.response()), decl.confirm()));
        }
        if (!protocols.isEmpty() && types.isEmpty()) {
            throw schema.protocols().get(0).at().error(
                    "a schema with protocols must declare at least one type");
        }
        return new Sproto(types, protocols);
    }

    private Field field(String owner, FieldDecl decl) {
        String ref = decl.typeRef().text();
        FieldType builtin = builtin(ref);
        SprotoType struct = builtin == null ? resolve(owner, decl.typeRef()) : null;
        FieldType type = builtin == null ? FieldType.STRUCT : builtin;
        int decimals = -1;
        int keyTag = -1;
        boolean pair = false;
        SchemaToken at = decl.suffixToken();
        switch (decl.suffix()) {
            case DECIMALS -> {
                if (type != FieldType.INTEGER) {
                    throw at.error("decimal places need an integer field, but " + decl.name()
                            + " is " + ref);
                }
                type = FieldType.DECIMAL;
                decimals = Integer.parseInt(at.text());
            }
            case KEY, PAIR -> {
                if (!decl.array()) {
                    throw at.error("a map needs an array type '*" + ref + "', but " + decl.name()
                            + " is not an array");
                }
                if (struct == null) {
                    throw at.error("a map needs a struct element type, but " + decl.name()
                            + " is *" + ref);
                }
                keyTag = mapKeyTag(struct, decl);
                pair = decl.suffix() == SuffixKind.PAIR;
            }
            case NONE -> {
            }
        }
        return new Field(decl.name(), decl.tag(), type, struct, decl.array(), decimals, keyTag, pair);
    }

    /** The tag of the field keying {@code *T(key)} or {@code *T()}, after checking it is legal. */
    private int mapKeyTag(SprotoType element, FieldDecl decl) {
        List<FieldDecl> candidates = decls.get(element.name()).fields();
        SchemaToken at = decl.suffixToken();
        FieldDecl key;
        if (decl.suffix() == SuffixKind.PAIR) {
            if (candidates.size() != 2) {
                throw at.error("'*" + element.name() + "()' needs " + element.name()
                        + " to have exactly two fields, it has " + candidates.size());
            }
            key = candidates.get(0).tag() < candidates.get(1).tag() ? candidates.get(0) : candidates.get(1);
        } else {
            key = candidates.stream().filter(f -> f.name().equals(at.text())).findFirst()
                    .orElseThrow(() -> at.error("map key " + at.text() + " is not a field of " + element.name()));
        }
        if (builtin(key.typeRef().text()) == null || key.array()) {
            throw at.error("map key " + key.name() + " of " + element.name()
                    + " must have a built-in, non-array type");
        }
        return key.tag();
    }

    private SprotoType message(MessageDecl decl) {
        if (decl.inlineType() != null) {
            return types.get(decl.inlineType());
        }
        if (decl.typeRef() == null) {
            return null;
        }
        SprotoType type = types.get(decl.typeRef().text());
        if (type == null) {
            throw decl.typeRef().error("unknown type " + decl.typeRef().text());
        }
        return type;
    }

    /** Tries {@code owner.ref}, then with the owner shortened one component at a time, then {@code ref}. */
    private SprotoType resolve(String owner, SchemaToken ref) {
        String scope = owner;
        while (true) {
            SprotoType found = types.get(scope.isEmpty() ? ref.text() : scope + "." + ref.text());
            if (found != null) {
                return found;
            }
            if (scope.isEmpty()) {
                throw ref.error("unknown type " + ref.text() + " (in " + owner + ")");
            }
            int dot = scope.lastIndexOf('.');
            scope = dot < 0 ? "" : scope.substring(0, dot);
        }
    }

    private static FieldType builtin(String ref) {
        return switch (ref) {
            case "integer" -> FieldType.INTEGER;
            case "boolean" -> FieldType.BOOLEAN;
            case "string" -> FieldType.STRING;
            case "binary" -> FieldType.BINARY;
            case "double" -> FieldType.DOUBLE;
            default -> null;
        };
    }
}
