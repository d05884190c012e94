package gkeserving.program.project;

import com.pulumi.gcp.projects.Service;
import com.pulumi.gcp.projects.ServiceArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import gkeserving.program.ResourceTypes;
import gkeserving.program.config.GcpSettings;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every API of {@link ProjectApi} enabled in {@code gcp:project}, so that a fresh project works with one
 * {@code pulumi up}. The APIs stay on when the stack is destroyed: other workloads in the project may use them,
 * and turning one off takes down whatever depends on it. Every resource that calls an API waits for it
 * ({@link #of}).
 */
public final class ProjectServices extends ComponentResource {
    private final Map<ProjectApi, Service> services = new EnumMap<>(ProjectApi.class);

    public ProjectServices(String name, GcpSettings gcp, ComponentResourceOptions options) {
        super(ResourceTypes.PROJECT_SERVICES_COMPONENT, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        for (ProjectApi api : ProjectApi.values()) {
            services.put(api, new Service(name + "-" + api.service().substring(0, api.service().indexOf('.')),
                    args(gcp, api), child));
        }
        registerOutputs(Map.of());
    }

    /** Enabled and never disabled: not on destroy, and not the APIs that depend on it either. */
    static ServiceArgs args(GcpSettings gcp, ProjectApi api) {
        return ServiceArgs.builder()
                .project(gcp.project())
                .service(api.service())
                .disableOnDestroy(false)
                .disableDependentServices(false)
                .build();
    }

    /** What a resource that calls {@code apis} depends on. */
    public List<Resource> of(ProjectApi... apis) {
        return Arrays.stream(apis).<Resource>map(services::get).toList();
    }
}
