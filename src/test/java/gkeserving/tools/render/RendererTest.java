package gkeserving.tools.render;

import gkeserving.program.ResourceTypes;
import com.pulumi.Context;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The render model of hand-made programs: names, parents, protection, dependencies, secrets, order. */
class RendererTest {
    private static Render sample;

    @BeforeAll
    static void renderSample() {
        sample = render(SampleProgram::valid);
    }

    static Render render(Consumer<Context> program) {
        return new Renderer(program).render("sample", "test", Map.of());
    }

    private static RenderedResource resource(Render render, String name) {
        List<RenderedResource> found = render.resources().stream().filter(r -> r.name().equals(name)).toList();
        assertThat(found).as("resources named " + name).hasSize(1);
        return found.get(0);
    }

    private static List<String> names(Render render) {
        return render.resources().stream().map(RenderedResource::name).toList();
    }

    @Test
    void listsEveryResourceOnceWithTypeAndParentButNotTheStack() {
        assertThat(names(sample)).containsExactlyInAnyOrder(
                "platform", "k8s", "serving-ns", "tf-config", "api-token", "web", "web-svc", "device-plugin");
        assertThat(resource(sample, "platform").type()).isEqualTo("sample:index:Platform");
        assertThat(resource(sample, "platform").parent()).isNull();
        assertThat(resource(sample, "k8s").type()).isEqualTo(ResourceTypes.KUBERNETES_PROVIDER);
        assertThat(resource(sample, "k8s").parent()).isEqualTo("platform");
        assertThat(resource(sample, "web").type()).isEqualTo(ResourceTypes.DEPLOYMENT);
        assertThat(resource(sample, "web").parent()).isNull();
    }

    @Test
    void protectionIsTheResourcesOwnOrInheritedFromItsParent() {
        assertThat(resource(sample, "platform").protect()).isTrue();
        assertThat(resource(sample, "k8s").protect()).as("child of a protected component").isTrue();
        assertThat(resource(sample, "web").protect()).isFalse();
    }

    @Test
    void secretsAreMaskedAtTopLevelNestedAndInKubernetesSecrets() {
        assertThat(resource(sample, "k8s").inputs()).containsEntry("kubeconfig", SecretMask.MASK);
        Map<String, Object> web = resource(sample, "web").inputs();
        assertThat(at(web, "spec.template.spec.containers[0].env[0].value")).isEqualTo(SecretMask.MASK);
        assertThat(at(web, "spec.template.spec.containers[0].env[1].value")).as("plain env value").isEqualTo("8501");
        assertThat(resource(sample, "api-token").inputs())
                .as("a Secret's data keeps its keys so the manifest keeps its shape")
                .containsEntry("stringData", Map.of("token", SecretMask.MASK));
        String plan = PlanWriter.json(sample);
        assertThat(plan).doesNotContain(SampleProgram.API_TOKEN).doesNotContain("current-context");
    }

    @Test
    void dependenciesAreDependsOnPlusInputSourcesPlusProvider() {
        assertThat(resource(sample, "serving-ns").dependencies()).containsExactly("k8s");
        assertThat(resource(sample, "tf-config").dependencies()).containsExactly("k8s", "serving-ns");
        assertThat(resource(sample, "web").dependencies()).containsExactly("k8s", "serving-ns", "tf-config");
        assertThat(resource(sample, "web-svc").dependencies()).containsExactly("k8s", "serving-ns", "web");
        assertThat(resource(sample, "platform").dependencies()).isEmpty();
    }

    @Test
    void everyResourceComesAfterItsParentAndDependencies() {
        List<String> order = names(sample);
        for (RenderedResource r : sample.resources()) {
            for (String dependency : r.dependencies()) {
                assertThat(order.indexOf(dependency)).as(r.name() + " after " + dependency).isLessThan(order.indexOf(r.name()));
            }
            if (r.parent() != null) {
                assertThat(order.indexOf(r.parent())).as(r.name() + " after its parent").isLessThan(order.indexOf(r.name()));
            }
        }
    }

    @Test
    void dependingOnAComponentWaitsForChildrenAddedAfterwards() {
        Render render = render(ctx -> {
            var group = new ComponentResource("sample:index:Group", "group");
            namespace("waiter", CustomResourceOptions.builder().dependsOn(group).build());
            namespace("first-child", CustomResourceOptions.builder().parent(group).build());
            namespace("independent", CustomResourceOptions.Empty);
        });
        assertThat(names(render)).containsExactly("group", "first-child", "waiter", "independent");
        assertThat(resource(render, "waiter").dependencies()).as("as written in the program").containsExactly("group");
    }

    @Test
    void independentResourcesKeepConstructionOrder() {
        Render render = render(ctx -> {
            namespace("zeta", CustomResourceOptions.Empty);
            namespace("alpha", CustomResourceOptions.Empty);
            namespace("mid", CustomResourceOptions.Empty);
        });
        assertThat(names(render)).containsExactly("zeta", "alpha", "mid");
    }

    @Test
    void wholeNumbersBecomeIntegersAndKeysAreSorted() {
        Map<String, Object> web = resource(sample, "web").inputs();
        assertThat(at(web, "spec.replicas")).isEqualTo(2);
        assertThat(at(web, "spec.template.spec.containers[0].ports[0].containerPort")).isEqualTo(8501);
        assertThat(web.keySet()).containsExactly("apiVersion", "kind", "metadata", "spec");
    }

    @Test
    void stackOutputsAreComputedWithSecretsMasked() {
        assertThat(sample.outputs()).containsExactly(
                new StackOutput("kubeconfig", SecretMask.MASK),
                new StackOutput("serviceName", "web"));
    }

    @Test
    void errorsTheProgramReportsFailTheRenderAsInputProblems() {
        assertThatThrownBy(() -> render(ctx -> ctx.log().error("serving.replicas (0) must be >= 1")))
                .isInstanceOfSatisfying(ProgramFailedException.class, e -> {
                    assertThat(e.crashed()).isFalse();
                    assertThat(e.messages()).containsExactly("serving.replicas (0) must be >= 1");
                });
    }

    @Test
    void aProgramThatThrowsIsReportedAsCrashedWithItsMessage() {
        assertThatThrownBy(() -> render(ctx -> {
            throw new IllegalStateException("model directory models/iris is missing");
        })).isInstanceOfSatisfying(ProgramFailedException.class, e -> {
            assertThat(e.crashed()).isTrue();
            assertThat(e.messages()).anySatisfy(m -> assertThat(m).contains("model directory models/iris is missing"));
        });
    }

    private static void namespace(String name, CustomResourceOptions options) {
        new Namespace(name, NamespaceArgs.builder().metadata(ObjectMetaArgs.builder().name(name).build()).build(), options);
    }
}
