package gkeserving.program.cluster;

import com.pulumi.core.Output;
import com.pulumi.gcp.compute.RouterArgs;
import com.pulumi.gcp.compute.RouterNatArgs;
import gkeserving.program.config.ClusterSettings;
import gkeserving.program.config.GcpSettings;

/** Private nodes have no public IPs: Cloud NAT gives them egress to pull public images (NVIDIA's, TF Serving's base). */
final class PrivateEgress {
    private PrivateEgress() {
    }

    static RouterArgs router(GcpSettings gcp, ClusterSettings cluster) {
        return RouterArgs.builder()
                .project(gcp.project())
                .region(cluster.region())
                .network("default")
                .build();
    }

    static RouterNatArgs nat(GcpSettings gcp, ClusterSettings cluster, Output<String> routerName) {
        return RouterNatArgs.builder()
                .project(gcp.project())
                .region(cluster.region())
                .router(routerName)
                .natIpAllocateOption("AUTO_ONLY")
                .sourceSubnetworkIpRangesToNat("ALL_SUBNETWORKS_ALL_IP_RANGES")
                .build();
    }
}
