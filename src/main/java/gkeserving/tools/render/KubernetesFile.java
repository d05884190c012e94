package gkeserving.tools.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One file under {@code k8s/}: a Kubernetes object exactly as the provider would apply it, or a Helm
 * release as its chart coordinates plus values.
 *
 * @param fileName {@code NN-<kind>-<name>.yaml}, NN being the position in dependency order
 * @param content  the document, top-level keys in the conventional order, everything below sorted
 */
public record KubernetesFile(String fileName, boolean helmRelease, Map<String, Object> content) {
    private static final List<String> LEADING_KEYS = List.of("apiVersion", "kind", "metadata");
    private static final List<String> HELM_KEYS = List.of("chart", "version", "repositoryOpts", "name", "namespace", "values");

    /** The Kubernetes objects and Helm releases among {@code resources}, numbered in their order. */
    public static List<KubernetesFile> of(List<RenderedResource> resources) {
        List<RenderedResource> objects = resources.stream()
                .filter(r -> r.type().equals(KubernetesType.HELM_RELEASE) || KubernetesType.of(r.type()).isPresent())
                .toList();
        int width = Math.max(2, String.valueOf(objects.size()).length());
        List<KubernetesFile> files = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            String number = String.format(Locale.ROOT, "%0" + width + "d", i + 1);
            files.add(fileFor(number, objects.get(i)));
        }
        return files;
    }

    private static KubernetesFile fileFor(String number, RenderedResource resource) {
        if (resource.type().equals(KubernetesType.HELM_RELEASE)) {
            String name = text(resource.inputs().get("name")).orElse(resource.name());
            return new KubernetesFile(fileName(number, "helmrelease", name), true, helmRelease(resource.inputs()));
        }
        KubernetesType type = KubernetesType.of(resource.type()).orElseThrow();
        Map<String, Object> manifest = manifest(type, resource.inputs());
        String name = manifest.get("metadata") instanceof Map<?, ?> metadata
                ? text(metadata.get("name")).orElse(resource.name())
                : resource.name();
        return new KubernetesFile(fileName(number, type.kind().toLowerCase(Locale.ROOT), name), false, manifest);
    }

    /** The inputs are the object; the type token is the authority on apiVersion and kind. */
    static Map<String, Object> manifest(KubernetesType type, Map<String, Object> inputs) {
        Map<String, Object> body = new LinkedHashMap<>(inputs);
        body.keySet().removeIf(key -> key.startsWith("__")); // engine bookkeeping, never sent to the API server
        body.put("apiVersion", type.apiVersion());
        body.put("kind", type.kind());
        return leading(body, LEADING_KEYS);
    }

    private static Map<String, Object> helmRelease(Map<String, Object> inputs) {
        Map<String, Object> release = new LinkedHashMap<>();
        for (String key : HELM_KEYS) {
            Object value = inputs.get(key);
            if (key.equals("repositoryOpts") && value instanceof Map<?, ?> opts) {
                value = opts.containsKey("repo") ? Map.of("repo", opts.get("repo")) : null;
            }
            if (value != null) {
                release.put(key, value);
            }
        }
        return release;
    }

    /** {@code keys} first in that order, then the rest as they come (already sorted). */
    private static Map<String, Object> leading(Map<String, Object> map, List<String> keys) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        keys.stream().filter(map::containsKey).forEach(key -> ordered.put(key, map.get(key)));
        new TreeMap<>(map).forEach(ordered::putIfAbsent);
        return ordered;
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    /** Names can hold anything a placeholder holds; a file name keeps letters, digits, dots and dashes. */
    static String fileName(String number, String kind, String name) {
        String safe = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("^-+|-+$", "");
        return number + "-" + kind + "-" + (safe.isEmpty() ? "unnamed" : safe) + ".yaml";
    }
}
