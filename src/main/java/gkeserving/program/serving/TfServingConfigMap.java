package gkeserving.program.serving;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;

import java.util.SortedMap;

/** TF Serving's config files ({@link TfServingConfigs#files}), mounted into the pod at {@link ServingPod#CONFIG_DIR}. */
final class TfServingConfigMap {
    private TfServingConfigMap() {
    }

    static ConfigMapArgs args(ServingLabels labels, Output<String> namespace, SortedMap<String, String> files) {
        return ConfigMapArgs.builder()
                .metadata(labels.metadata(labels.workload() + "-config", namespace).build())
                .data(files)
                .build();
    }
}
