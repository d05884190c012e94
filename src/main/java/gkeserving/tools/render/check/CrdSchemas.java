package gkeserving.tools.render.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The custom resources the program registers, each with the {@code openAPIV3Schema} of the CRD that the pinned
 * chart or component installs. The CRDs are copied verbatim into {@code src/main/resources/crds/}; SOURCES.md there
 * names the repository, tag and commit of each.
 */
final class CrdSchemas {
    static final List<String> FILES = List.of(
            "monitoring.googleapis.com_podmonitorings.yaml",
            "monitoring.googleapis.com_clusterpodmonitorings.yaml",
            "keda.sh_scaledobjects.yaml",
            "keda.sh_triggerauthentications.yaml",
            "http.keda.sh_httpscaledobjects.yaml");
    private static final Map<String, JsonNode> BY_TYPE = load();

    private CrdSchemas() {
    }

    /** The schema of {@code kind} at {@code apiVersion} (group/version), if a committed CRD serves it. */
    static Optional<JsonNode> find(String apiVersion, String kind) {
        return Optional.ofNullable(BY_TYPE.get(apiVersion + " " + kind));
    }

    static java.util.Set<String> known() {
        return BY_TYPE.keySet();
    }

    private static Map<String, JsonNode> load() {
        var yaml = new YAMLMapper();
        Map<String, JsonNode> out = new TreeMap<>();
        for (String file : FILES) {
            try (InputStream in = CrdSchemas.class.getResourceAsStream("/crds/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing CRD resource /crds/" + file);
                }
                JsonNode crd = yaml.readTree(in);
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    out.put(group + "/" + version.path("name").asText() + " " + kind,
                            version.path("schema").path("openAPIV3Schema"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read CRD " + file, e);
            }
        }
        return Map.copyOf(out);
    }
}
