package gkeserving.program.config;

/** The gcp provider's own keys ({@code gcp:project}, {@code gcp:region}): one source of truth for both. */
public record GcpSettings(String project, String region) {
    static GcpSettings read(ConfigSource source, Problems problems) {
        String project = source.get("gcp:project").map(String::trim).orElse("");
        String region = source.get("gcp:region").map(String::trim).orElse("");
        problems.check(!project.isEmpty(),
                "gcp:project is required: set it with `pulumi config set gcp:project <project-id>`");
        problems.check(!region.isEmpty(),
                "gcp:region is required: set it with `pulumi config set gcp:region <region>`, e.g. us-central1");
        return new GcpSettings(project, region);
    }

    /** Workload Identity pool of the project, the identity namespace GKE maps Kubernetes service accounts into. */
    public String workloadPool() {
        return project + ".svc.id.goog";
    }
}
