package gkeserving.tools.render;

import gkeserving.program.ResourceTypes;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import gkeserving.program.serving.TfServingConfigs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-made programs for render tests: a few Kubernetes and Helm resources with a protected parent, an
 * explicit provider with a secret kubeconfig, dependsOn, implicit dependencies and nested secrets. They
 * stand in for the real components so these tests do not depend on them.
 */
final class SampleProgram {
    static final String KUBECONFIG = "apiVersion: v1\nkind: Config\ncurrent-context: sample\n";
    static final String API_TOKEN = "token-that-must-not-leak";
    static final String MODELS_CONFIG = """
            model_config_list {
              config {
                name: "iris"
                base_path: "/models/iris"
                model_platform: "tensorflow"
              }
            }
            """;
    static final String MONITORING_CONFIG = """
            prometheus_config {
              enable: true
              path: "/monitoring/prometheus/metrics"
            }
            """;
    static final String BATCHING_PARAMETERS = """
            max_batch_size { value: 32 }
            batch_timeout_micros { value: 5000 }
            pad_variable_length_inputs: false
            """;
    /** The TF Serving config files the ConfigMap carries, under the names the real program gives them. */
    static final Map<String, String> TF_SERVING_FILES = Map.of(
            TfServingConfigs.MODELS_CONFIG, MODELS_CONFIG,
            TfServingConfigs.MONITORING_CONFIG, MONITORING_CONFIG,
            TfServingConfigs.BATCHING_PARAMETERS, BATCHING_PARAMETERS);
    static final Map<String, String> LABELS = Map.of("app", "web", "gpu", "true");

    private SampleProgram() {
    }

    /** Everything valid. */
    static void valid(Context ctx) {
        build(ctx, TF_SERVING_FILES);
    }

    /** Valid Kubernetes objects, but a TF Serving config text with a misspelled field. */
    static void badModelsConfig(Context ctx) {
        build(ctx, replaced(TfServingConfigs.MODELS_CONFIG, "base_path", "basepath"));
    }

    /** Valid Kubernetes objects, but a batching parameters file with a misspelled field. */
    static void badBatchingParameters(Context ctx) {
        build(ctx, replaced(TfServingConfigs.BATCHING_PARAMETERS, "max_batch_size", "max_batch_sizes"));
    }

    private static Map<String, String> replaced(String fileName, String from, String to) {
        var files = new HashMap<>(TF_SERVING_FILES);
        files.put(fileName, files.get(fileName).replace(from, to));
        return files;
    }

    /** The valid program plus a Deployment with a misspelled field and a number given as a word. */
    static void badDeployment(Context ctx) {
        Provider provider = build(ctx, TF_SERVING_FILES);
        new RawObject(ResourceTypes.DEPLOYMENT, "broken",
                Map.of("name", "broken"),
                Map.of("replicas", "two",
                        "selector", Map.of("matchLabels", Map.of("app", "broken")),
                        "template", Map.of(
                                "metadata", Map.of("labels", Map.of("app", "broken")),
                                "spec", Map.of("containers", List.of(Map.of(
                                        "name", "web", "image", "nginx",
                                        "ports", List.of(Map.of("containerport", 80))))))),
                CustomResourceOptions.builder().provider(provider).build());
    }

    private static Provider build(Context ctx, Map<String, String> tfServingFiles) {
        var platform = new ComponentResource("sample:index:Platform", "platform",
                ComponentResourceOptions.builder().protect(true).build());
        var provider = new Provider("k8s", ProviderArgs.builder().kubeconfig(Output.ofSecret(KUBECONFIG)).build(),
                CustomResourceOptions.builder().parent(platform).build());
        var k8s = CustomResourceOptions.builder().provider(provider).build();

        var namespace = new Namespace("serving-ns", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("serving").build()).build(), k8s);
        // Read back from the namespace: an implicit dependency, as real components have.
        Output<String> namespaceName = namespace.metadata().applyValue(m -> m.name().orElseThrow());

        var config = new ConfigMap("tf-config", ConfigMapArgs.builder()
                .metadata(meta("tf-serving-config", namespaceName))
                .data(tfServingFiles)
                .build(), k8s);
        new Secret("api-token", SecretArgs.builder()
                .metadata(meta("api-token", namespaceName))
                .stringData(Map.of("token", API_TOKEN))
                .build(), k8s);
        var deployment = new Deployment("web", DeploymentArgs.builder()
                .metadata(meta("web", namespaceName))
                .spec(DeploymentSpecArgs.builder()
                        .replicas(2)
                        .selector(LabelSelectorArgs.builder().matchLabels(LABELS).build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(LABELS).build())
                                .spec(PodSpecArgs.builder().containers(ContainerArgs.builder()
                                        .name("web")
                                        .image("nginx:1.27")
                                        .ports(ContainerPortArgs.builder().containerPort(8501).name("http").build())
                                        .env(EnvVarArgs.builder().name("API_TOKEN").value(Output.ofSecret(API_TOKEN)).build(),
                                                EnvVarArgs.builder().name("PORT").value("8501").build())
                                        .build()).build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().provider(provider).dependsOn(config).build());
        var service = new Service("web-svc", ServiceArgs.builder()
                .metadata(meta("web", namespaceName))
                .spec(ServiceSpecArgs.builder()
                        .type("LoadBalancer")
                        .selector(LABELS)
                        .ports(ServicePortArgs.builder().name("http").port(80).targetPort(8501).build())
                        .build())
                .build(), CustomResourceOptions.builder().provider(provider).dependsOn(deployment).build());
        new Release("device-plugin", ReleaseArgs.builder()
                .chart("nvidia-device-plugin")
                .version("0.17.0")
                .name("nvidia-device-plugin")
                .namespace("kube-system")
                .repositoryOpts(RepositoryOptsArgs.builder().repo("https://nvidia.github.io/k8s-device-plugin").build())
                .values(Map.of("nodeSelector", Map.of("nvidia.com/gpu.present", "true"), "replicas", 1))
                .build(), k8s);
        ctx.export("serviceName", service.metadata().applyValue(m -> m.name().orElse("")));
        ctx.export("kubeconfig", Output.ofSecret(KUBECONFIG));
        return provider;
    }

    private static ObjectMetaArgs meta(String name, Output<String> namespace) {
        return ObjectMetaArgs.builder().name(name).namespace(namespace).build();
    }
}
