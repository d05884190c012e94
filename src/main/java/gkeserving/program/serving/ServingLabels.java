package gkeserving.program.serving;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import gkeserving.program.config.ModelSettings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The name and labels every TF Serving object of one model carries.
 *
 * @param workload Kubernetes name of the Deployment, Service, autoscaler and friends
 * @param selector what the Deployment, Service, spread constraint and budget select by; immutable once the Deployment exists
 * @param labels   the selector plus the project's own label, on every object
 */
public record ServingLabels(String workload, Map<String, String> selector, Map<String, String> labels) {

    public static ServingLabels of(ModelSettings model) {
        var selector = new LinkedHashMap<String, String>();
        selector.put("app.kubernetes.io/name", "tf-serving");
        selector.put("app.kubernetes.io/instance", model.name());
        return new ServingLabels("tf-serving-" + model.name(), Map.copyOf(selector),
                with(selector, "app.kubernetes.io/part-of", "gke-gpu-serving"));
    }

    /** Metadata of an object in the serving namespace, named {@code name}, with the labels. */
    ObjectMetaArgs.Builder metadata(String name, Output<String> namespace) {
        return ObjectMetaArgs.builder().name(name).namespace(namespace).labels(labels);
    }

    /** {@link #metadata(String, Output)} for an object named after the workload. */
    ObjectMetaArgs workloadMetadata(Output<String> namespace) {
        return metadata(workload, namespace).build();
    }

    LabelSelectorArgs selectorArgs() {
        return LabelSelectorArgs.builder().matchLabels(selector).build();
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        var copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return Map.copyOf(copy);
    }
}
