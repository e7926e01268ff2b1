package io.skynetspring.sproto;

import io.skynetspring.sproto.SchemaSyntax.FieldDecl;
import io.skynetspring.sproto.SchemaSyntax.MessageDecl;
import io.skynetspring.sproto.SchemaSyntax.ProtocolDecl;
import io.skynetspring.sproto.SchemaSyntax.Schema;
import io.skynetspring.sproto.SchemaSyntax.SuffixKind;
import io.skynetspring.sproto.SchemaSyntax.TypeDecl;
import io.skynetspring.sproto.SchemaToken.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the grammar of the schema language and rejects what can be seen without resolving
 * references: syntax, duplicate names and tags, tag ranges.
 */
final class SchemaParser {

    static final int MAX_TAG = 32766;
    static final int MAX_DECIMALS = 9;
    /** Deeper type nesting than any real schema has; it keeps the recursive descent off the stack limit. */
    static final int MAX_NESTING = 64;

    private final List<SchemaToken> tokens;
    private int next;
    private final List<TypeDecl> types = new ArrayList<>();
    private final Set<String> typeNames = new HashSet<>();
    private final List<ProtocolDecl> protocols = new ArrayList<>();
    private final Map<String, ProtocolDecl> protocolNames = new HashMap<>();
    private final Map<Integer, ProtocolDecl> protocolTags = new HashMap<>();

    private SchemaParser(List<SchemaToken> tokens) {
        this.tokens = tokens;
    }

    static Schema parse(String text) {
        SchemaParser parser = new SchemaParser(SchemaLexer.tokens(text));
        parser.schema();
        return new Schema(List.copyOf(parser.types), List.copyOf(parser.protocols));
    }

    private void schema() {
        while (!peek().is(Kind.END)) {
            SchemaToken t = peek();
            if (t.is(Kind.DOT)) {
                typedef("");
            } else if (t.is(Kind.WORD)) {
                protocol();
            } else {
                throw t.error("expected '.' starting a type or a protocol name, found " + t.describe());
            }
        }
    }

    private void typedef(String prefix) {
        SchemaToken dot = take(Kind.DOT, "'.'");
        if (!prefix.isEmpty() && prefix.chars().filter(c -> c == '.').count() + 1 >= MAX_NESTING) {
            throw dot.error("types nest deeper than " + MAX_NESTING + " levels");
        }
        SchemaToken nameToken = simpleWord("a type name");
        if (nameToken.blankBefore()) {
            throw nameToken.error("expected a type name right after '.', found a blank");
        }
        String name = prefix.isEmpty() ? nameToken.text() : prefix + "." + nameToken.text();
        body(name, nameToken);
    }

    /** Parses {@code { field | typedef }} as the type {@code name}, registering nested types. */
    private void body(String name, SchemaToken at) {
        if (!typeNames.add(name)) {
            throw at.error("type " + name + " is defined twice");
        }
        int slot = types.size();
        types.add(null);
        take(Kind.LBRACE, "'{'");
        List<FieldDecl> fields = new ArrayList<>();
        Map<String, SchemaToken> names = new HashMap<>();
        Map<Integer, SchemaToken> tags = new HashMap<>();
        boolean first = true;
        while (!peek().is(Kind.RBRACE)) {
            SchemaToken t = peek();
            if (t.is(Kind.END)) {
                throw t.error("expected a field, a nested type or '}' in " + name + ", found " + t.describe());
            }
            if (!first && !t.blankBefore()) {
                throw t.error("expected a blank between items of " + name + ", found " + t.describe());
            }
            first = false;
            if (t.is(Kind.DOT)) {
                typedef(name);
            } else if (t.is(Kind.WORD)) {
                FieldDecl field = field(name);
                if (names.putIfAbsent(field.name(), t) != null) {
                    throw t.error("field " + field.name() + " is defined twice in " + name);
                }
                if (tags.putIfAbsent(field.tag(), t) != null) {
                    throw t.error("tag " + field.tag() + " is used twice in " + name
                            + " (field " + field.name() + ")");
                }
                fields.add(field);
            } else {
                throw t.error("expected a field, a nested type or '}' in " + name + ", found " + t.describe());
            }
        }
        take(Kind.RBRACE, "'}'");
        types.set(slot, new TypeDecl(name, at, List.copyOf(fields)));
    }

    private FieldDecl field(String owner) {
        SchemaToken nameToken = simpleWord("a field name");
        int tag = tag(owner + "." + nameToken.text());
        take(Kind.COLON, "':' after the tag of " + nameToken.text());
        boolean array = false;
        if (peek().is(Kind.STAR)) {
            next++;
            array = true;
        }
        SchemaToken typeRef = peek();
        if (!typeRef.is(Kind.WORD)) {
            throw typeRef.error("expected a type for field " + nameToken.text() + ", found " + typeRef.describe());
        }
        if (array && typeRef.blankBefore()) {
            throw typeRef.error("expected the element type right after '*', found a blank");
        }
        next++;
        SuffixKind suffix = SuffixKind.NONE;
        SchemaToken suffixToken = null;
        if (peek().is(Kind.LPAREN) && peek().blankBefore()) {
            throw peek().error("expected '(' right after the type of " + nameToken.text() + ", found a blank");
        }
        if (peek().is(Kind.LPAREN)) {
            SchemaToken open = take(Kind.LPAREN, "'('");
            SchemaToken inside = peek();
            if (inside.is(Kind.NUMBER)) {
                next++;
                suffix = SuffixKind.DECIMALS;
                suffixToken = inside;
                if (inside.text().length() > 9 || Integer.parseInt(inside.text()) > MAX_DECIMALS) {
                    throw inside.error("decimal places of " + nameToken.text() + " must be 0.."
                            + MAX_DECIMALS + ", found " + inside.text());
                }
            } else if (inside.is(Kind.WORD)) {
                next++;
                suffix = SuffixKind.KEY;
                suffixToken = inside;
                if (inside.text().indexOf('.') >= 0) {
                    throw inside.error("expected a field name as map key, found " + inside.describe());
                }
            } else if (inside.is(Kind.RPAREN)) {
                suffix = SuffixKind.PAIR;
                suffixToken = open;
            } else {
                throw inside.error("expected decimal places, a map key or ')', found " + inside.describe());
            }
            take(Kind.RPAREN, "')'");
        }
        return new FieldDecl(nameToken.text(), tag, array, typeRef, suffix, suffixToken);
    }

    private void protocol() {
        SchemaToken nameToken = simpleWord("a protocol name");
        String name = nameToken.text();
        int tag = tag("protocol " + name);
        if (protocolNames.containsKey(name)) {
            throw nameToken.error("protocol " + name + " is defined twice");
        }
        ProtocolDecl sameTag = protocolTags.get(tag);
        if (sameTag != null) {
            throw nameToken.error("protocol tag " + tag + " of " + name + " is already used by " + sameTag.name());
        }
        take(Kind.LBRACE, "'{' after protocol " + name + " " + tag);
        MessageDecl request = MessageDecl.NONE;
        MessageDecl response = MessageDecl.NONE;
        boolean requestSeen = false;
        boolean confirm = false;
        boolean first = true;
        while (!peek().is(Kind.RBRACE)) {
            SchemaToken keyword = peek();
            if (keyword.is(Kind.END)) {
                throw keyword.error("expected 'request', 'response' or '}' in protocol " + name + ", found end of schema");
            }
            if (!first && !keyword.blankBefore()) {
                throw keyword.error("expected a blank before " + keyword.describe() + " in protocol " + name);
            }
            first = false;
            boolean isRequest = keyword.isWord("request");
            if (!isRequest && !keyword.isWord("response")) {
                throw keyword.error("expected 'request', 'response' or '}' in protocol " + name
                        + ", found " + keyword.describe());
            }
            next++;
            SchemaToken what = peek();
            if (!what.blankBefore()) {
                throw what.error("expected a blank after '" + keyword.text() + "'");
            }
            boolean nil = what.isWord("nil");
            if (isRequest) {
                if (requestSeen) {
                    throw keyword.error("protocol " + name + " has a second request");
                }
                requestSeen = true;
            } else if (response != MessageDecl.NONE || (confirm && !nil)) {
                throw keyword.error("protocol " + name + " has a second response");
            }
            MessageDecl message;
            if (nil) {
                next++;
                message = MessageDecl.NONE;
                if (!isRequest) {
                    confirm = true;
                }
            } else if (what.is(Kind.WORD)) {
                next++;
                message = new MessageDecl(what, null);
            } else if (what.is(Kind.LBRACE)) {
                String inline = name + "." + keyword.text();
                body(inline, what);
                message = new MessageDecl(null, inline);
            } else {
                throw what.error("expected a type, 'nil' or '{' after '" + keyword.text() + "', found "
                        + what.describe());
            }
            if (isRequest) {
                request = message;
            } else {
                response = message;
            }
        }
        take(Kind.RBRACE, "'}'");
        ProtocolDecl decl = new ProtocolDecl(name, tag, nameToken, request, response, confirm);
        protocols.add(decl);
        protocolNames.put(name, decl);
        protocolTags.put(tag, decl);
    }

    private int tag(String owner) {
        SchemaToken t = peek();
        if (!t.is(Kind.NUMBER)) {
            throw t.error("expected a tag for " + owner + ", found " + t.describe());
        }
        next++;
        if (t.text().length() > 9 || Integer.parseInt(t.text()) > MAX_TAG) {
            throw t.error("tag of " + owner + " must be 0.." + MAX_TAG + ", found " + t.text());
        }
        return Integer.parseInt(t.text());
    }

    private SchemaToken simpleWord(String what) {
        SchemaToken t = peek();
        if (!t.is(Kind.WORD) || t.text().indexOf('.') >= 0) {
            throw t.error("expected " + what + ", found " + t.describe());
        }
        next++;
        return t;
    }

    private SchemaToken take(Kind kind, String what) {
        SchemaToken t = peek();
        if (!t.is(kind)) {
            throw t.error("expected " + what + ", found " + t.describe());
        }
        next++;
        return t;
    }

    private SchemaToken peek() {
        return tokens.get(next);
    }
}
