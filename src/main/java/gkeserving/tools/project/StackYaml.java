package gkeserving.tools.project;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Pulumi.yaml and stack files read as the pulumi CLI reads them: gopkg.in/yaml.v3, which follows the
 * YAML 1.2 core schema, not SnakeYAML's YAML 1.1 (where {@code 1:20} is the base-60 number 80, dates
 * become timestamps and {@code !!binary} a byte array). SnakeYAML only parses here; every plain scalar is
 * resolved below by the 1.2 core schema's rules. Where yaml.v3 and YAML 1.2 still disagree ({@code 0777}
 * is octal 511 to the CLI and 777 to YAML 1.2; {@code 1_000}, {@code 0b101}), the value is refused rather
 * than guessed, and so are duplicate keys (yaml.v3 refuses them), merge keys and tags the CLI would turn
 * into something else. Every refusal names the file, the line and the key as the user wrote it.
 *
 * <p>Why not snakeyaml-engine, the YAML 1.2 port: it would be a new dependency for four patterns, and the
 * refusals above are needed with either library, because the CLI is not a YAML 1.2 reader either.
 */
public final class StackYaml {
    /** Plain scalars only; quoted ones are strings, and explicit tags keep their own. */
    private static final Tag PLAIN = new Tag("tag:gkeserving,2025:plain");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern SPECIAL_FLOAT = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    /** What Go's strconv.ParseInt(s, 0, 64) reads, after yaml.v3 has dropped every '_'. */
    private static final Pattern GO_INTEGER = Pattern.compile("[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)");
    /** Go's encoding/json writes a whole float64 below 1e21 without a fraction, so the program sees an integer. */
    private static final BigDecimal GO_PLAIN_LIMIT = new BigDecimal("1e21");

    private StackYaml() {
    }

    /** The file's top-level mapping (an empty file is an empty mapping). */
    static Map<String, Object> read(Path file) {
        try {
            return parse(Files.readString(file), file);
        } catch (IOException e) {
            throw new ProjectException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * The text's top-level mapping, with mutable maps and lists (an empty text is an empty mapping).
     *
     * @param file where the text comes from, named in every refusal
     */
    public static Map<String, Object> parse(String text, Path file) {
        Node root;
        try {
            root = parser().compose(new StringReader(text));
        } catch (YAMLException e) {
            throw new ProjectException(file + " is not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            return new LinkedHashMap<>();
        }
        if (!(root instanceof MappingNode mapping) || !root.getTag().equals(Tag.MAP)) {
            throw new ProjectException(file + " must be a YAML mapping");
        }
        return new Reading(file).mapping(mapping, "");
    }

    private static Yaml parser() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new PlainResolver());
    }

    /** Tags every untagged plain scalar {@link #PLAIN}; its meaning is decided by {@link Reading#plain}. */
    private static final class PlainResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            // none: YAML 1.1's implicit types are exactly what must not apply
        }

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            return kind == NodeId.scalar && implicit ? PLAIN : super.resolve(kind, value, implicit);
        }
    }

    /** One file's conversion; {@code path} is the key as written ({@code config.gke-gpu-serving:gpuPool.zones[0]}). */
    private record Reading(Path file) {
        Map<String, Object> mapping(MappingNode node, String path) {
            if (!node.getTag().equals(Tag.MAP)) {
                throw refused(node, path, "the tag " + shown(node.getTag()) + " is not accepted: write a plain mapping");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            Map<String, Integer> lines = new HashMap<>();
            for (NodeTuple entry : node.getValue()) {
                String key = key(entry.getKeyNode(), path);
                String keyPath = path.isEmpty() ? key : path + "." + key;
                Integer first = lines.putIfAbsent(key, line(entry.getKeyNode()));
                if (first != null) {
                    throw refused(entry.getKeyNode(), keyPath, "is defined twice (first at line " + first
                            + "); the pulumi CLI refuses duplicate keys: keep one");
                }
                out.put(key, value(entry.getValueNode(), keyPath));
            }
            return out;
        }

        private String key(Node node, String path) {
            if (!(node instanceof ScalarNode scalar)) {
                throw refused(node, path, "has a key that is not plain text");
            }
            String key = scalar.getValue();
            if (node.getTag().equals(PLAIN) && key.equals("<<")) {
                throw refused(node, path, "uses a merge key (<<), which YAML 1.2 does not have: write the keys out");
            }
            Object resolved = scalar(scalar, path.isEmpty() ? key : path + "." + key);
            if (resolved == null) {
                throw refused(node, path, "has an empty (null) key");
            }
            return key;
        }

        Object value(Node node, String path) {
            if (node instanceof MappingNode m) {
                return mapping(m, path);
            }
            if (node instanceof SequenceNode s) {
                if (!s.getTag().equals(Tag.SEQ)) {
                    throw refused(node, path, "the tag " + shown(s.getTag()) + " is not accepted: write a plain list");
                }
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < s.getValue().size(); i++) {
                    out.add(value(s.getValue().get(i), path + "[" + i + "]"));
                }
                return out;
            }
            return scalar((ScalarNode) node, path);
        }

        /** String, Boolean, BigInteger, BigDecimal (never whole below 1e21, see GO_PLAIN_LIMIT) or null. */
        private Object scalar(ScalarNode node, String path) {
            String text = node.getValue();
            Tag tag = node.getTag();
            if (tag.equals(PLAIN)) {
                return plain(node, path);
            }
            if (tag.equals(Tag.STR)) {
                return text;
            }
            if (tag.equals(Tag.NULL) || tag.equals(Tag.BOOL) || tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
                Object value = plain(node, path);
                if (value instanceof String) {
                    throw refused(node, path, "(" + text + ") is tagged " + shown(tag) + " but is not one in YAML 1.2");
                }
                return value;
            }
            throw refused(node, path, "uses the tag " + shown(tag) + ", which the pulumi CLI would turn into plain text"
                    + " or refuse: write the value itself (quoted if it must stay text)");
        }

        private Object plain(ScalarNode node, String path) {
            String text = node.getValue();
            if (NULL.matcher(text).matches()) {
                return null;
            }
            if (BOOL.matcher(text).matches()) {
                return Boolean.valueOf(text.toLowerCase());
            }
            if (DECIMAL.matcher(text).matches() && !text.replaceFirst("^[-+]", "").matches("0[0-9]+")) {
                return new BigInteger(text.startsWith("+") ? text.substring(1) : text);
            }
            if (OCTAL.matcher(text).matches() || HEX.matcher(text).matches()) {
                return new BigInteger(text.substring(2), text.charAt(1) == 'o' ? 8 : 16);
            }
            if (GO_INTEGER.matcher(text.replace("_", "")).matches()) {
                throw refused(node, path, "(" + text + ") is a number to the pulumi CLI (yaml.v3 reads "
                        + "leading zeros as octal, '_' as a separator, 0b as binary) but not the same one, or none,"
                        + " in YAML 1.2: write it as a plain decimal, or quote it if it is text");
            }
            if (SPECIAL_FLOAT.matcher(text).matches()) {
                throw refused(node, path, "(" + text + ") is not a finite number; the pulumi CLI cannot pass it to"
                        + " the program (JSON has no infinity or NaN)");
            }
            if (FLOAT.matcher(text).matches()) {
                BigDecimal number = new BigDecimal(text);
                boolean whole = number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
                return whole && number.abs().compareTo(GO_PLAIN_LIMIT) < 0 ? number.toBigIntegerExact() : number;
            }
            return text;
        }

        private ProjectException refused(Node node, String path, String problem) {
            String key = path.isEmpty() ? "" : " " + path;
            return new ProjectException(file + " line " + line(node) + ":" + key + " " + problem);
        }

        /** {@code !!binary} as written, not {@code tag:yaml.org,2002:binary}. */
        private static String shown(Tag tag) {
            return tag.getValue().startsWith(Tag.PREFIX) ? "!!" + tag.getValue().substring(Tag.PREFIX.length()) : tag.getValue();
        }

        private static int line(Node node) {
            return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        }
    }
}
