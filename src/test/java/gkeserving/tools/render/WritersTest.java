package gkeserving.tools.render;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import gkeserving.tools.render.tree.CanonicalValues;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The text of manifests, plan.json and the summary: stable, and read back as what was meant. */
class WritersTest {
    private static final Map<String, Object> TRICKY = new LinkedHashMap<>(Map.of(
            "boolLike", "true",
            "numberLike", "8501",
            "floatLike", "1.0",
            "placeholder", "<known after up: load balancer IP of web>",
            "colon", "a: b",
            "secret", SecretMask.MASK,
            "empty", "",
            "multiLine", "line one\n  indented: two\n"));

    @Test
    void yamlReadsBackAsTheSameValuesWithStringsStayingStrings() throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "v1");
        doc.put("data", new java.util.TreeMap<>(TRICKY));
        doc.put("count", 3);
        doc.put("ratio", 0.5);
        doc.put("list", List.of(1, "two", Map.of("k", false)));

        String yaml = ManifestWriter.yaml(doc);

        assertThat(new YAMLMapper().readValue(yaml, Map.class)).isEqualTo(doc);
        assertThat(yaml).doesNotStartWith("---").contains("multiLine: |\n    line one\n      indented: two\n");
    }

    @Test
    void yamlKeepsTheGivenKeyOrder() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "Namespace");
        doc.put("apiVersion", "v1");
        assertThat(ManifestWriter.yaml(doc)).isEqualTo("kind: Namespace\napiVersion: v1\n");
    }

    @Test
    void everySampleManifestReadsBackAsWritten() throws Exception {
        for (KubernetesFile file : KubernetesFile.of(RendererTest.render(SampleProgram::valid).resources())) {
            assertThat(new YAMLMapper().readValue(ManifestWriter.yaml(file.content()), Map.class))
                    .as(file.fileName()).isEqualTo(file.content());
        }
    }

    @Test
    void planListsFieldsInTheirOrderWithSortedInputsIntegersAndEmptyCollectionsCompact() {
        Map<String, Object> inputs = CanonicalValues.map(Map.of("zone", "a", "count", 2.0, "ratio", 0.25,
                "labels", Map.of("b", "1", "a", "2")));
        Render render = new Render("dev", List.of(
                new RenderedResource("gcp:x/y:Z", "z", null, new RenderedOptions(List.of("zone"), List.of("count"), true,
                        false, Map.of("create", "PT30M"), List.of("b"), true), inputs, List.of("a", "b")),
                new RenderedResource("gke-gpu-serving:infra:Thing", "thing", "z", RenderedOptions.none(), Map.of(), List.of())),
                List.of());

        assertThat(PlanWriter.json(render)).isEqualTo("""
                {
                  "stack": "dev",
                  "resources": [
                    {
                      "type": "gcp:x/y:Z",
                      "name": "z",
                      "parent": null,
                      "options": {
                        "protect": true,
                        "dependsOn": [
                          "b"
                        ],
                        "ignoreChanges": [
                          "zone"
                        ],
                        "replaceOnChanges": [
                          "count"
                        ],
                        "deleteBeforeReplace": true,
                        "retainOnDelete": false,
                        "customTimeouts": {
                          "create": "PT30M"
                        }
                      },
                      "inputs": {
                        "count": 2,
                        "labels": {
                          "a": "2",
                          "b": "1"
                        },
                        "ratio": 0.25,
                        "zone": "a"
                      },
                      "dependencies": [
                        "a",
                        "b"
                      ]
                    },
                    {
                      "type": "gke-gpu-serving:infra:Thing",
                      "name": "thing",
                      "parent": "z",
                      "options": {
                        "protect": false,
                        "dependsOn": [],
                        "ignoreChanges": [],
                        "replaceOnChanges": [],
                        "deleteBeforeReplace": false,
                        "retainOnDelete": false,
                        "customTimeouts": {}
                      },
                      "inputs": {},
                      "dependencies": []
                    }
                  ]
                }
                """);
    }

    @Test
    void planIsValidJsonWithTheDocumentedShape() throws Exception {
        Map<String, Object> plan = new ObjectMapper().readValue(
                PlanWriter.json(RendererTest.render(SampleProgram::valid)), new TypeReference<>() { });
        assertThat(List.copyOf(plan.keySet())).containsExactly("stack", "resources");
        assertThat((List<?>) plan.get("resources")).isNotEmpty().allSatisfy(entry ->
                assertThat(((Map<?, ?>) entry).keySet().stream().map(String::valueOf).toList())
                        .containsExactly("type", "name", "parent", "options", "inputs", "dependencies"));
    }

    @Test
    void summaryCountsByTypeAndShowsOutputsOnOneLineEach() {
        Render render = new Render("dev", List.of(
                new RenderedResource("b:x:B", "b1", null, RenderedOptions.none(), Map.of(), List.of()),
                new RenderedResource("a:x:A", "a1", null, RenderedOptions.none(), Map.of(), List.of()),
                new RenderedResource("b:x:B", "b2", null, RenderedOptions.none(), Map.of(), List.of())),
                List.of(new StackOutput("endpoint", "<known after up: load balancer IP of web>"),
                        new StackOutput("notes", "first\nsecond\nthird"),
                        new StackOutput("later", StackOutput.UNKNOWN)));

        assertThat(SummaryTable.text(render, 0)).isEqualTo(String.join("\n", List.of(
                "Stack dev: 3 resources, 0 Kubernetes files",
                "",
                "  RESOURCE TYPE  COUNT",
                "  a:x:A          1",
                "  b:x:B          2",
                "",
                "  OUTPUT    VALUE",
                "  endpoint  <known after up: load balancer IP of web>",
                "  later     <unknown until up>",
                "  notes     first … (2 more lines)",
                "")));
    }
}
