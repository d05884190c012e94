package gkeserving.program.serving;

import com.pulumi.gcp.compute.AddressArgs;
import gkeserving.program.config.GcpSettings;
import gkeserving.program.config.ModelSettings;
import gkeserving.program.config.ServingSettings;

import java.util.Optional;

/** The load balancer's reserved external address, when {@code serving.service.staticIp} asks for one. */
final class TfServingAddress {
    private TfServingAddress() {
    }

    static Optional<AddressArgs> args(GcpSettings gcp, ModelSettings model, ServingSettings.Service service) {
        if (!service.staticIp()) {
            return Optional.empty();
        }
        return Optional.of(AddressArgs.builder()
                .project(gcp.project())
                .region(gcp.region())
                .addressType("EXTERNAL")
                .description("Load balancer address of TF Serving for model " + model.name())
                .build());
    }
}
