package gkeserving.program.config;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every rule a stack's settings must satisfy, in one place. Each message names the key, the bad value
 * and what is allowed, so it can be fixed without reading code.
 */
final class SettingsValidator {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern MACHINE_TYPE = Pattern.compile("[a-z][a-z0-9]*-[a-z0-9-]+");
    private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+");
    private static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z][a-z0-9_-]*");

    private SettingsValidator() {
    }

    static void validate(Settings s, Problems p) {
        cluster(s, p);
        pool("cpuPool", s.cpuPool().minNodes(), s.cpuPool().maxNodes(), s.cpuPool().diskSizeGb(), p);
        p.check(MACHINE_TYPE.matcher(s.cpuPool().machineType()).matches(),
                "cpuPool.machineType (" + s.cpuPool().machineType() + ") must be a Compute Engine machine type such as e2-standard-4");
        gpuPool(s, p);
        if (s.gpuPool().devicePlugin() == GpuPoolSettings.DevicePlugin.NVIDIA) {
            gpuOperator(s, p);
        }
        model(s.model(), p);
        image(s.image(), p);
        serving(s, p);
    }

    private static void cluster(Settings s, Problems p) {
        ClusterSettings c = s.cluster();
        s.cluster().name().ifPresent(name -> p.check(DNS_LABEL.matcher(name).matches() && name.length() <= 40,
                "cluster.name (" + name + ") must be lowercase letters, digits and hyphens, start with a letter, at most 40 characters"));
        boolean locationOk = p.check(GcpLocations.isRegion(c.location()) || GcpLocations.isZone(c.location()),
                "cluster.location (" + c.location() + ") must be a region (us-central1: regional cluster) or a zone (us-central1-a: zonal cluster)");
        if (locationOk && !s.gcp().region().isEmpty()) {
            p.check(c.region().equals(s.gcp().region()),
                    "cluster.location (" + c.location() + ") must be in gcp:region (" + s.gcp().region()
                            + "): the image registry and the cluster share one region");
        }
        cidrs("cluster.masterAuthorizedNetworks", c.masterAuthorizedNetworks(), p);
        if (c.privateNodes()) {
            p.check(Cidr.isValid(c.masterIpv4CidrBlock()) && Cidr.prefixLength(c.masterIpv4CidrBlock()) == 28,
                    "cluster.masterIpv4CidrBlock (" + c.masterIpv4CidrBlock() + ") must be a /28 CIDR block, e.g. 172.16.0.0/28");
        }
    }

    private static void pool(String key, int min, int max, int diskSizeGb, Problems p) {
        p.check(min >= 0, key + ".minNodes (" + min + ") must be >= 0");
        p.check(max >= 1, key + ".maxNodes (" + max + ") must be >= 1");
        p.check(max >= min, key + ".maxNodes (" + max + ") must be >= " + key + ".minNodes (" + min + ")");
        p.check(diskSizeGb >= 10, key + ".diskSizeGb (" + diskSizeGb + ") must be >= 10");
    }

    private static void gpuPool(Settings s, Problems p) {
        GpuPoolSettings g = s.gpuPool();
        pool("gpuPool", g.minNodes(), g.maxNodes(), g.diskSizeGb(), p);
        boolean acceleratorKnown = p.check(GpuCatalog.known(g.accelerator()),
                "gpuPool.accelerator (" + g.accelerator() + ") must be one of " + String.join(", ", GpuCatalog.accelerators()));
        if (acceleratorKnown) {
            String family = GpuCatalog.requiredFamily(g.accelerator());
            boolean familyOk = p.check(GpuCatalog.familyOf(g.machineType()).equals(family),
                    "gpuPool.machineType (" + g.machineType() + ") cannot carry gpuPool.accelerator (" + g.accelerator()
                            + "): it needs a " + family + "-* machine type");
            if (familyOk) {
                GpuCatalog.builtInAccelerator(g.machineType()).ifPresent(builtIn -> p.check(builtIn.equals(g.accelerator()),
                        "gpuPool.accelerator (" + g.accelerator() + ") does not match gpuPool.machineType (" + g.machineType()
                                + "), which comes with " + builtIn));
                GpuCatalog.allowedCounts(g.machineType(), g.accelerator()).ifPresentOrElse(
                        counts -> p.check(counts.contains(g.acceleratorCount()),
                                "gpuPool.acceleratorCount (" + g.acceleratorCount() + ") is not allowed on " + g.machineType()
                                        + "; allowed: " + counts),
                        () -> p.add("gpuPool.machineType (" + g.machineType() + ") is not a known " + family
                                + " GPU machine type for " + g.accelerator()));
            }
        }
        for (String zone : g.zones()) {
            p.check(GcpLocations.isZone(zone) && GcpLocations.regionOf(zone).equals(s.cluster().region()),
                    "gpuPool.zones entry (" + zone + ") must be a zone of the cluster's region (" + s.cluster().region() + ")");
        }
        p.check(new HashSet<>(g.zones()).size() == g.zones().size(), "gpuPool.zones (" + g.zones() + ") lists a zone twice");
        if (s.cluster().regional()) {
            p.check(!g.zones().isEmpty(), "gpuPool.zones is required for a regional cluster (cluster.location "
                    + s.cluster().location() + "): list the zones of that region that offer " + g.accelerator());
        }
        sharing(g, p);
    }

    private static void sharing(GpuPoolSettings g, Problems p) {
        var sh = g.sharing();
        switch (sh.strategy()) {
            case NONE -> {
                sh.maxSharedClientsPerGpu().ifPresent(n -> p.add(
                        "gpuPool.sharing.maxSharedClientsPerGpu (" + n + ") is only used with gpuPool.sharing.strategy time-sharing"));
                sh.partitionSize().ifPresent(n -> p.add(
                        "gpuPool.sharing.partitionSize (" + n + ") is only used with gpuPool.sharing.strategy mig"));
            }
            case TIME_SHARING -> {
                int clients = sh.maxSharedClientsPerGpu().orElse(0);
                p.check(clients >= 2 && clients <= 48, "gpuPool.sharing.maxSharedClientsPerGpu ("
                        + sh.maxSharedClientsPerGpu().map(String::valueOf).orElse("missing")
                        + ") must be 2..48 with strategy time-sharing");
                sh.partitionSize().ifPresent(n -> p.add(
                        "gpuPool.sharing.partitionSize (" + n + ") is only used with gpuPool.sharing.strategy mig"));
            }
            case MIG -> {
                if (p.check(GpuCatalog.supportsMig(g.accelerator()), "gpuPool.sharing.strategy mig needs an A100 or H100; gpuPool.accelerator is "
                        + g.accelerator())) {
                    String size = sh.partitionSize().orElse("missing");
                    p.check(GpuCatalog.migPartitionSizes(g.accelerator()).contains(size),
                            "gpuPool.sharing.partitionSize (" + size + ") must be one of "
                                    + GpuCatalog.migPartitionSizes(g.accelerator()) + " for " + g.accelerator());
                }
                sh.maxSharedClientsPerGpu().ifPresent(n -> p.add(
                        "gpuPool.sharing.maxSharedClientsPerGpu (" + n + ") is only used with gpuPool.sharing.strategy time-sharing"));
            }
        }
    }

    /** Only judged in nvidia mode: in gke mode nothing of the operator is installed. */
    private static void gpuOperator(Settings s, Problems p) {
        GpuOperatorSettings o = s.gpuOperator();
        // Only a release whose supported Kubernetes range is recorded can be checked against the cluster's channel.
        p.check(GpuOperatorReleases.find(o.version()).isPresent(),
                "gpuOperator.version (" + o.version() + ") must be one of the GPU Operator releases whose supported"
                        + " Kubernetes range this program records: " + String.join(", ", GpuOperatorReleases.versions()));
        p.check(!o.chart().isBlank(), "gpuOperator.chart must name the chart, e.g. gpu-operator");
        p.check(o.repository().startsWith("https://"),
                "gpuOperator.repository (" + o.repository() + ") must be a Helm repository URL starting with https://");
        boolean nameOk = p.check(DNS_LABEL.matcher(o.namespace()).matches() && o.namespace().length() <= 63,
                "gpuOperator.namespace (" + o.namespace() + ") must be a Kubernetes namespace name (lowercase letters, digits, hyphens)");
        if (nameOk) {
            p.check(!SYSTEM_NAMESPACES.contains(o.namespace()) && !o.namespace().equals(s.serving().namespace()),
                    "gpuOperator.namespace (" + o.namespace() + ") must be a namespace of its own, not one of "
                            + SYSTEM_NAMESPACES + " or serving.namespace: the program creates it with a quota for critical pods");
        }
    }

    private static void model(ModelSettings m, Problems p) {
        p.check(DNS_LABEL.matcher(m.name()).matches() && m.name().length() <= 40,
                "model.name (" + m.name() + ") must be lowercase letters, digits and hyphens, start with a letter, at most 40 characters:"
                        + " it names Kubernetes objects and appears in URLs");
    }

    private static void image(ImageSettings i, Problems p) {
        p.check(DNS_LABEL.matcher(i.repository()).matches() && i.repository().length() <= 63,
                "image.repository (" + i.repository() + ") must be an Artifact Registry repository id: lowercase letters, digits and hyphens");
        p.check(i.keepVersions() >= 1, "image.keepVersions (" + i.keepVersions() + ") must be >= 1");
        i.existingDigest().ifPresent(d -> p.check(ImageReference.parse(d).isPresent(),
                "image.existingDigest (" + d + ") must be a digest reference <registry>/<path>@sha256:<64 hex digits>"));
    }

    private static void serving(Settings s, Problems p) {
        ServingSettings v = s.serving();
        p.check(DNS_LABEL.matcher(v.namespace()).matches(),
                "serving.namespace (" + v.namespace() + ") must be a Kubernetes namespace name (lowercase letters, digits, hyphens)");
        // The program creates the namespace and deletes it on destroy: it must be one of its own.
        // A clash with gpuOperator.namespace is reported by the operator's rule, which applies only in nvidia mode.
        p.check(!SYSTEM_NAMESPACES.contains(v.namespace()),
                "serving.namespace (" + v.namespace() + ") is created and deleted with the stack; it must not be "
                        + String.join(", ", SYSTEM_NAMESPACES));
        p.check(VERSION.matcher(v.tfServingVersion()).matches(),
                "serving.tfServingVersion (" + v.tfServingVersion() + ") must be a release version such as 2.18.0 (a pinned tag, not latest)");
        resources(v.resources(), p);
        int perNode = s.gpuPool().schedulableGpusPerNode();
        if (p.check(v.gpusPerReplica() >= 1, "serving.gpusPerReplica (" + v.gpusPerReplica() + ") must be >= 1")) {
            p.check(v.gpusPerReplica() <= perNode, "serving.gpusPerReplica (" + v.gpusPerReplica()
                    + ") must be <= the GPUs one gpuPool node offers (" + perNode + "): a pod cannot span nodes");
        }
        var a = v.autoscaling();
        autoscaling(s, p);
        p.check(a.maxReplicas() >= a.minReplicas(), "serving.autoscaling.maxReplicas (" + a.maxReplicas()
                + ") must be >= serving.autoscaling.minReplicas (" + a.minReplicas() + ")");
        p.check(a.targetCpuUtilization() >= 1 && a.targetCpuUtilization() <= 100,
                "serving.autoscaling.targetCpuUtilization (" + a.targetCpuUtilization() + ") must be 1..100 (percent)");
        if (v.gpusPerReplica() >= 1 && v.gpusPerReplica() <= perNode) {
            int capacity = replicaCapacity(s);
            p.check(a.maxReplicas() <= capacity, "serving.autoscaling.maxReplicas (" + a.maxReplicas() + ") x serving.gpusPerReplica ("
                    + v.gpusPerReplica() + ") does not fit on gpuPool.maxNodes (" + s.gpuPool().maxNodes() + ") x " + perNode
                    + " GPUs per node: at most " + capacity + " replicas");
        }
        var b = v.batching();
        p.check(b.maxBatchSize() >= 1, "serving.batching.maxBatchSize (" + b.maxBatchSize() + ") must be >= 1");
        p.check(b.batchTimeoutMicros() >= 0, "serving.batching.batchTimeoutMicros (" + b.batchTimeoutMicros() + ") must be >= 0");
        p.check(b.numBatchThreads() >= 1, "serving.batching.numBatchThreads (" + b.numBatchThreads() + ") must be >= 1");
        p.check(b.maxEnqueuedBatches() >= 1, "serving.batching.maxEnqueuedBatches (" + b.maxEnqueuedBatches() + ") must be >= 1");
        versions(v, p);
        v.perProcessGpuMemoryFraction().ifPresent(f -> p.check(f > 0 && f <= 1,
                "serving.perProcessGpuMemoryFraction (" + f + ") must be > 0 and <= 1"));
        p.check(v.startupTimeoutSeconds() >= 30 && v.startupTimeoutSeconds() <= 3600,
                "serving.startupTimeoutSeconds (" + v.startupTimeoutSeconds() + ") must be 30..3600");
        p.check(v.terminationGracePeriodSeconds() >= 10 && v.terminationGracePeriodSeconds() <= 3600,
                "serving.terminationGracePeriodSeconds (" + v.terminationGracePeriodSeconds() + ") must be 10..3600");
        cidrs("serving.service.sourceRanges", v.service().sourceRanges(), p);
        p.check(!(v.service().internal() && v.service().staticIp()),
                "serving.service.staticIp reserves an external address; it cannot be combined with serving.service.internal: true");
    }

    /** The scaling signal must exist: KEDA for scale to zero, batching for its queue, DCGM for GPU utilisation. */
    private static void autoscaling(Settings s, Problems p) {
        var a = s.serving().autoscaling();
        p.check(a.minReplicas() >= 0, "serving.autoscaling.minReplicas (" + a.minReplicas() + ") must be >= 0");
        p.check(!(a.scaleToZero() && !a.keda()), "serving.autoscaling.minReplicas 0 (scale to zero) needs KEDA, but"
                + " serving.autoscaling.metric is cpu: a plain HPA cannot scale from zero; choose queue-latency,"
                + " request-rate or gpu-utilization");
        p.check(!(a.metric() == ServingSettings.Autoscaling.Metric.QUEUE_LATENCY && !s.serving().batching().enabled()),
                "serving.autoscaling.metric queue-latency needs serving.batching.enabled: true: without batching"
                        + " TF Serving has no batch queue to measure; choose request-rate, gpu-utilization or cpu");
        p.check(!(a.metric() == ServingSettings.Autoscaling.Metric.GPU_UTILIZATION
                        && s.gpuPool().devicePlugin() != GpuPoolSettings.DevicePlugin.NVIDIA),
                "serving.autoscaling.metric gpu-utilization needs GPU metrics, which are scraped only from the GPU"
                        + " Operator's DCGM exporter (gpuPool.devicePlugin nvidia); gpuPool.devicePlugin is "
                        + s.gpuPool().devicePlugin());
        p.check(a.targetQueueLatencyMs() >= 1 && a.targetQueueLatencyMs() <= 60_000,
                "serving.autoscaling.targetQueueLatencyMs (" + a.targetQueueLatencyMs() + ") must be 1..60000 (milliseconds)");
        p.check(a.queueLatencyQuantile() > 0 && a.queueLatencyQuantile() < 1,
                "serving.autoscaling.queueLatencyQuantile (" + a.queueLatencyQuantile() + ") must be > 0 and < 1, e.g. 0.9");
        p.check(a.targetRequestsPerSecond() > 0,
                "serving.autoscaling.targetRequestsPerSecond (" + a.targetRequestsPerSecond() + ") must be > 0 (per replica)");
        p.check(a.targetGpuUtilization() >= 1 && a.targetGpuUtilization() <= 100,
                "serving.autoscaling.targetGpuUtilization (" + a.targetGpuUtilization() + ") must be 1..100 (percent)");
        p.check(a.idleMinutes() >= 1 && a.idleMinutes() <= 1440,
                "serving.autoscaling.idleMinutes (" + a.idleMinutes() + ") must be 1..1440");
        p.check(a.holdTimeoutSeconds() >= 30 && a.holdTimeoutSeconds() <= 3600,
                "serving.autoscaling.holdTimeoutSeconds (" + a.holdTimeoutSeconds() + ") must be 30..3600");
        var alerts = s.serving().alerts();
        p.check(alerts.p99LatencyMs() >= 1, "serving.alerts.p99LatencyMs (" + alerts.p99LatencyMs() + ") must be >= 1");
        for (String channel : alerts.notificationChannels()) {
            p.check(channel.matches("projects/[^/]+/notificationChannels/[^/]+"), "serving.alerts.notificationChannels entry ("
                    + channel + ") must be a channel name projects/<project>/notificationChannels/<id>");
        }
    }

    /** How many serving replicas the GPU pool holds at its maximum size (pods cannot span nodes). */
    static int replicaCapacity(Settings s) {
        return s.gpuPool().maxNodes() * (s.gpuPool().schedulableGpusPerNode() / s.serving().gpusPerReplica());
    }

    private static void resources(ServingSettings.Resources r, Problems p) {
        requestWithinLimit("cpu", r.cpuRequest(), r.cpuLimit(), p);
        requestWithinLimit("memory", r.memoryRequest(), r.memoryLimit(), p);
    }

    /** Kubernetes refuses a pod whose request exceeds its limit, but only at apply time. */
    private static void requestWithinLimit(String resource, String request, String limit, Problems p) {
        String requestKey = "serving.resources." + resource + "Request";
        String limitKey = "serving.resources." + resource + "Limit";
        boolean requestOk = quantity(requestKey, request, p);
        boolean limitOk = quantity(limitKey, limit, p);
        if (requestOk && limitOk) {
            p.check(Quantity.parse(request).orElseThrow().compareTo(Quantity.parse(limit).orElseThrow()) <= 0,
                    requestKey + " (" + request + ") must be <= " + limitKey + " (" + limit + ")");
        }
    }

    /** The API server refuses a negative request or limit, so here it is no quantity either. */
    private static boolean quantity(String key, String value, Problems p) {
        return p.check(Quantity.parse(value).filter(amount -> amount.signum() >= 0).isPresent(),
                key + " (" + value + ") must be a Kubernetes quantity such as 500m, 2, 8Gi");
    }

    private static void versions(ServingSettings v, Problems p) {
        var policy = v.versionPolicy();
        p.check(policy.latest().isEmpty() || policy.specific().isEmpty(),
                "serving.versionPolicy takes either latest or specific, not both");
        policy.latest().ifPresent(n -> p.check(n >= 1, "serving.versionPolicy.latest (" + n + ") must be >= 1"));
        for (long version : policy.specific()) {
            p.check(version >= 1, "serving.versionPolicy.specific entry (" + version + ") must be >= 1");
        }
        v.versionLabels().forEach((label, version) -> {
            p.check(LABEL_KEY.matcher(label).matches(), "serving.versionLabels key (" + label
                    + ") must be lowercase letters, digits, '_' or '-', e.g. stable, canary");
            if (!policy.specific().isEmpty()) {
                p.check(policy.specific().contains(version), "serving.versionLabels." + label + " (" + version
                        + ") must name a version in serving.versionPolicy.specific " + policy.specific()
                        + ": TF Serving only labels versions it has loaded");
            }
        });
    }

    private static void cidrs(String key, List<String> values, Problems p) {
        for (String cidr : values) {
            p.check(Cidr.isValid(cidr), key + " entry (" + cidr + ") must be an IPv4 CIDR block such as 203.0.113.0/24");
        }
    }
}
