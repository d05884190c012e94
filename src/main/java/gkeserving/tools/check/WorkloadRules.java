package gkeserving.tools.check;

import gkeserving.tools.check.PodSpecs.Container;
import gkeserving.tools.render.CloudPlaceholders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every container of every workload controller the stack registers, against the Pod Security Standards,
 * Polaris and kube-score. Helm releases are the chart's business: their pods are not visible here.
 */
final class WorkloadRules {
    private static final String PSS = "Kubernetes Pod Security Standards ";
    /** A digest, or the render's placeholder for the digest the build will push. */
    private static final String PENDING_DIGEST = CloudPlaceholders.unknown("sha256").replaceAll(">$", "");
    private static final Pattern BY_DIGEST = Pattern.compile(
            ".+@(sha256:[0-9a-f]{64}|" + Pattern.quote(PENDING_DIGEST) + ".*>)");

    private WorkloadRules() {
    }

    static List<Rule> rules() {
        return List.of(
                perContainer("image-digest", "every image is referenced by digest",
                        "GKE docs: using container image digests; Polaris tagNotSpecified",
                        c -> {
                            String image = Tree.text(c.spec(), "image");
                            return Finding.of(c.owner().name(), c.field("image"),
                                    image != null && BY_DIGEST.matcher(image).matches(), String.valueOf(image));
                        }),
                perContainer("resources", "CPU and memory requests and limits on every container",
                        "kube-score container-resources; Polaris cpuRequestsMissing, memoryRequestsMissing, "
                                + "cpuLimitsMissing, memoryLimitsMissing",
                        c -> {
                            Map<String, Object> resources = Tree.map(c.spec(), "resources");
                            List<String> missing = new ArrayList<>();
                            for (String key : List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
                                if (Tree.at(resources, key) == null) {
                                    missing.add(key);
                                }
                            }
                            return Finding.of(c.owner().name(), c.field("resources"), missing.isEmpty(),
                                    missing.isEmpty() ? "set" : "missing " + String.join(", ", missing));
                        }),
                perContainer("run-as-non-root", "containers run as a non-root user",
                        PSS + "restricted: Running as Non-root; Polaris runAsRootAllowed",
                        c -> {
                            Object own = Tree.at(c.spec(), "securityContext.runAsNonRoot");
                            boolean nonRoot = own != null ? Boolean.TRUE.equals(own)
                                    : Tree.isTrue(c.pod(), "securityContext.runAsNonRoot");
                            boolean uidZero = "0".equals(Tree.text(c.spec(), "securityContext.runAsUser"))
                                    || (Tree.at(c.spec(), "securityContext.runAsUser") == null
                                    && "0".equals(Tree.text(c.pod(), "securityContext.runAsUser")));
                            return Finding.of(c.owner().name(), c.field("securityContext.runAsNonRoot"), nonRoot && !uidZero,
                                    nonRoot ? (uidZero ? "runAsUser 0" : "true") : "not set (pod or container)");
                        }),
                containerFlag("read-only-root-filesystem", "the root filesystem is read-only",
                        "Polaris notReadOnlyRootFilesystem; kube-score container-security-context-readonlyrootfilesystem",
                        "readOnlyRootFilesystem", true),
                containerFlag("no-privilege-escalation", "privilege escalation is off",
                        PSS + "restricted: Privilege Escalation; Polaris privilegeEscalationAllowed",
                        "allowPrivilegeEscalation", false),
                perContainer("no-privileged", "no privileged container",
                        PSS + "baseline: Privileged Containers; Polaris runAsPrivileged",
                        c -> {
                            boolean privileged = Tree.isTrue(c.spec(), "securityContext.privileged");
                            return Finding.of(c.owner().name(), c.field("securityContext.privileged"), !privileged,
                                    String.valueOf(privileged));
                        }),
                perContainer("drop-capabilities", "all capabilities dropped, none added",
                        PSS + "restricted: Capabilities; Polaris dangerousCapabilities, insecureCapabilities",
                        c -> {
                            List<Object> drop = Tree.list(c.spec(), "securityContext.capabilities.drop");
                            List<Object> add = Tree.list(c.spec(), "securityContext.capabilities.add");
                            boolean ok = drop.contains("ALL") && add.stream().allMatch("NET_BIND_SERVICE"::equals);
                            return Finding.of(c.owner().name(), c.field("securityContext.capabilities"), ok,
                                    "drop " + drop + ", add " + add);
                        }),
                perContainer("seccomp-runtime-default", "the RuntimeDefault seccomp profile (pod or container)",
                        PSS + "restricted: Seccomp; CIS Kubernetes Benchmark 5.7.2",
                        c -> {
                            String own = Tree.text(c.spec(), "securityContext.seccompProfile.type");
                            String type = own != null ? own : Tree.text(c.pod(), "securityContext.seccompProfile.type");
                            return Finding.of(c.owner().name(), c.field("securityContext.seccompProfile.type"),
                                    "RuntimeDefault".equals(type) || "Localhost".equals(type), String.valueOf(type));
                        }),
                new Rule("host-namespaces", "pods share no host namespace (network, PID, IPC)",
                        PSS + "baseline: Host Namespaces; Polaris hostNetworkSet, hostPIDSet, hostIPCSet",
                        t -> PodSpecs.controllers(t).stream().map(r -> {
                            Map<String, Object> pod = PodSpecs.pod(r);
                            List<String> shared = new ArrayList<>();
                            for (String key : List.of("hostNetwork", "hostPID", "hostIPC")) {
                                if (Tree.isTrue(pod, key)) {
                                    shared.add(key);
                                }
                            }
                            return Finding.of(r.name(), PodSpecs.POD + ".hostNetwork/hostPID/hostIPC", shared.isEmpty(),
                                    shared.isEmpty() ? "none" : String.join(", ", shared));
                        }).toList()),
                new Rule("probes", "every long-running container has readiness and liveness probes",
                        "Polaris readinessProbeMissing, livenessProbeMissing; kube-score pod-probes",
                        t -> PodSpecs.containers(t).stream().filter(c -> !c.init()).map(c -> {
                            List<String> missing = new ArrayList<>();
                            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                                if (Tree.at(c.spec(), probe) == null) {
                                    missing.add(probe);
                                }
                            }
                            return Finding.of(c.owner().name(), c.field("readinessProbe/livenessProbe"), missing.isEmpty(),
                                    missing.isEmpty() ? "both set" : "missing " + String.join(", ", missing));
                        }).toList()));
    }

    private static Rule perContainer(String id, String title, String source, Function<Container, Finding> check) {
        return new Rule(id, title, source, t -> PodSpecs.containers(t).stream().map(check).toList());
    }

    /** A container securityContext flag that must be set explicitly to {@code expected}. */
    private static Rule containerFlag(String id, String title, String source, String flag, boolean expected) {
        return perContainer(id, title, source, c -> {
            Object value = Tree.at(c.spec(), "securityContext." + flag);
            return Finding.of(c.owner().name(), c.field("securityContext." + flag), Boolean.valueOf(expected).equals(value),
                    value == null ? "not set" : String.valueOf(value));
        });
    }
}
