package gkeserving.program.cluster;

import com.pulumi.kubernetes.core.v1.ResourceQuotaArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceQuotaSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ScopeSelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.ScopedResourceSelectorRequirementArgs;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import gkeserving.program.config.GpuOperatorSettings;
import gkeserving.program.config.GpuPoolSettings;

import java.util.Map;

/** NVIDIA's GPU Operator chart at the pinned version, with {@link GpuOperatorValues}, and the quota its pods need. */
final class GpuOperatorRelease {
    /** Generous: the operator's chart waits for its controller and NFD to become ready on the CPU pool. */
    static final int TIMEOUT_SECONDS = 900;

    private GpuOperatorRelease() {
    }

    static ReleaseArgs args(GpuOperatorSettings op, GpuPoolSettings gpu, GpuOperatorSupport.Checked support) {
        return ReleaseArgs.builder()
                .name("gpu-operator")
                .chart(op.chart())
                .version(op.version())
                .description(support.description())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(op.repository()).build())
                .namespace(op.namespace())
                .values(GpuOperatorValues.of(gpu))
                .timeout(TIMEOUT_SECONDS)
                .build();
    }

    /**
     * GKE admits pods with a system-*-critical priority outside kube-system only up to a ResourceQuota scoped
     * to those classes (NVIDIA's GKE guide); without it the operator's DaemonSets never get pods.
     */
    static ResourceQuotaArgs criticalPodsQuota(String namespace) {
        return ResourceQuotaArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("gpu-operator-quota").namespace(namespace).build())
                .spec(ResourceQuotaSpecArgs.builder()
                        .hard(Map.of("pods", "100"))
                        .scopeSelector(ScopeSelectorArgs.builder()
                                .matchExpressions(ScopedResourceSelectorRequirementArgs.builder()
                                        .scopeName("PriorityClass")
                                        .operator("In")
                                        .values(GpuOperatorValues.OPERAND_PRIORITY_CLASS, "system-cluster-critical")
                                        .build())
                                .build())
                        .build())
                .build();
    }
}
