package gkeserving.program.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NVIDIA GPU Operator releases this program can install, each with the Kubernetes minors NVIDIA
 * supports it on: the one place that range is recorded. The chart cannot tell (its {@code kubeVersion}
 * is {@code >= 1.16.0-0} in every release); NVIDIA's platform-support page can, so each entry names the
 * commit of that page it was read from.
 *
 * <p>Only releases the program's Helm values are right for are listed: v25.10.0 and later, where CDI is on
 * by default and {@code cdi.default} is ignored. v25.3.x is not: its chart still needs {@code cdi.default}
 * (off by default), and it stops at Kubernetes 1.33 anyway.
 */
public final class GpuOperatorReleases {
    /**
     * One release, supported on Kubernetes {@code 1.minMinor} to {@code 1.maxMinor} (inclusive).
     *
     * @param source where the range is documented (repository, commit, file)
     */
    public record Release(String version, int minMinor, int maxMinor, String source) {
        public boolean supports(int minor) {
            return minor >= minMinor && minor <= maxMinor;
        }

        /** The range as people write it: {@code 1.33-1.36}. */
        public String range() {
            return "1." + minMinor + "-1." + maxMinor;
        }
    }

    private static final String PLATFORM_SUPPORT = "NVIDIA/cloud-native-docs %s gpu-operator/platform-support.rst";

    /** Oldest first; the Google GKE column where the page has one. */
    public static final List<Release> ALL = List.of(
            new Release("v25.10.0", 30, 34, PLATFORM_SUPPORT.formatted("3e11d2757eb77fa05eab7ac512c992881989526e")),
            new Release("v25.10.1", 30, 35, PLATFORM_SUPPORT.formatted("a5b94d57c8cbec49b2376724fef0ef7a5e9bff4b")),
            new Release("v26.3.0", 32, 35, PLATFORM_SUPPORT.formatted("adfe922405e1e7954b28885eff04b835b32b1871")),
            new Release("v26.3.1", 32, 35, PLATFORM_SUPPORT.formatted("caddb1ade0b01ccc511ed417b5e21537f36d76d7")),
            new Release("v26.3.2", 32, 36, PLATFORM_SUPPORT.formatted("de99f9d32c49f2c586cee9b74c324cbbab6b1b60")),
            new Release("v26.3.3", 32, 36, PLATFORM_SUPPORT.formatted("0b3e69b5ca8645cd3de3ad08ed1385f70a99115f")),
            new Release("v26.7.0", 33, 36, PLATFORM_SUPPORT.formatted("52dcb7b8d956784344e241df476de17094a4574c")));

    /** The default pin: the newest release, covering what the RAPID, REGULAR and STABLE channels serve (1.35, 1.36). */
    public static final String DEFAULT_VERSION = "v26.7.0";

    /** {@code 1.<minor>.<patch>} with GKE's suffix ({@code -gke.1036000}) or none. */
    private static final Pattern KUBERNETES_VERSION = Pattern.compile("1\\.([0-9]+)\\.[0-9]+(-.*)?");

    private GpuOperatorReleases() {
    }

    public static Optional<Release> find(String version) {
        return ALL.stream().filter(r -> r.version().equals(version)).findFirst();
    }

    public static List<String> versions() {
        return ALL.stream().map(Release::version).toList();
    }

    /** The releases supported on Kubernetes {@code 1.minor}. */
    public static List<Release> supporting(int minor) {
        return ALL.stream().filter(r -> r.supports(minor)).toList();
    }

    /** The minor of a GKE version such as {@code 1.35.8-gke.1036000}; empty if it is not {@code 1.<minor>.<patch>...}. */
    public static OptionalInt kubernetesMinor(String gkeVersion) {
        Matcher m = KUBERNETES_VERSION.matcher(gkeVersion);
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
