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
    private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z][a-z0-9_-]*");

    private SettingsValidator() {
    }

    static void validate(Settings s, Problems p) {
        gcp(s, p);
        cluster(s, p);
        NetworkRules.validate(s, p);
        pool("cpuPool", s.cpuPool().minNodes(), s.cpuPool().maxNodes(), s.cpuPool().diskSizeGb(), p);
        MachineTypes.check("cpuPool.machineType", s.cpuPool().machineType(), p);
        gpuPool(s, p);
        if (s.gpuPool().devicePlugin() == GpuPoolSettings.DevicePlugin.NVIDIA) {
            gpuOperator(s, p);
        }
        model(s.model(), p);
        image(s.image(), p);
        serving(s, p);
    }

    /** Missing keys are reported where they are read (GcpSettings); here, only what was given. */
    private static void gcp(Settings s, Problems p) {
        if (!s.gcp().project().isEmpty()) {
            CloudNames.projectId("gcp:project", s.gcp().project(), p);
        }
        if (!s.gcp().region().isEmpty()) {
            CloudNames.region("gcp:region", s.gcp().region(), p);
        }
        CloudNames.stackLabel(s.stack(), p);
    }

    private static void cluster(Settings s, Problems p) {
        ClusterSettings c = s.cluster();
        // cluster.location defaults to gcp:region: a bad region is reported once, as gcp:region, not as a location the user never wrote.
        boolean locationFromBadRegion = c.location().equals(s.gcp().region()) && !GcpLocations.isRegion(c.location());
        s.cluster().name().ifPresent(name -> p.check(DNS_LABEL.matcher(name).matches() && name.length() <= 40,
                "cluster.name (" + name + ") must be lowercase letters, digits and hyphens, start with a letter, at most 40 characters"));
        boolean locationOk = !locationFromBadRegion && p.check(GcpLocations.isRegion(c.location()) || GcpLocations.isZone(c.location()),
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
        boolean machineTypeOk = MachineTypes.check("gpuPool.machineType", g.machineType(), p);
        boolean acceleratorKnown = p.check(GpuCatalog.known(g.accelerator()),
                "gpuPool.accelerator (" + g.accelerator() + ") must be one of " + String.join(", ", GpuCatalog.accelerators()));
        if (acceleratorKnown && machineTypeOk) {
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
        if (CloudNames.ownNamespace("gpuOperator.namespace", o.namespace(), p)) {
            p.check(!o.namespace().equals(s.serving().namespace()),
                    "gpuOperator.namespace (" + o.namespace() + ") must be a namespace of its own, not serving.namespace:"
                            + " the program creates it with a quota for critical pods");
        }
    }

    private static void model(ModelSettings m, Problems p) {
        boolean pathOk = p.check(m.path().chars().noneMatch(Character::isISOControl), "model.path ("
                + m.path().replaceAll("\\p{Cntrl}", "?") + ") contains a control character (such as NUL): it must be the"
                + " path of the model's directory, e.g. models/iris");
        // Without model.name the name is model.path's last directory: a bad one is that path's problem.
        String named = pathOk && m.name().equals(ModelSettings.nameFromPath(m.path()))
                ? "model.name is not set, so the model is named after the last directory of model.path (" + m.path() + "): "
                + m.name() + " must" : "model.name (" + m.name() + ") must";
        p.check(!pathOk || DNS_LABEL.matcher(m.name()).matches() && m.name().length() <= 40,
                named + " be lowercase letters, digits and hyphens, start with a letter, at most 40 characters:"
                        + " it names Kubernetes objects and appears in URLs");
    }

    private static void image(ImageSettings i, Problems p) {
        p.check(DNS_LABEL.matcher(i.repository()).matches() && i.repository().length() <= 63,
                "image.repository (" + i.repository() + ") must be an Artifact Registry repository id: lowercase letters, digits and hyphens");
        p.check(i.keepVersions() >= 1, "image.keepVersions (" + i.keepVersions() + ") must be >= 1");
        i.existingDigest().ifPresent(d -> CloudNames.artifactRegistryDigest("image.existingDigest", d, p));
    }

    private static void serving(Settings s, Problems p) {
        ServingSettings v = s.serving();
        // A clash with gpuOperator.namespace is reported by the operator's rule, which applies only in nvidia mode.
        CloudNames.ownNamespace("serving.namespace", v.namespace(), p);
        p.check(VERSION.matcher(v.tfServingVersion()).matches(),
                "serving.tfServingVersion (" + v.tfServingVersion() + ") must be a release version such as 2.18.0 (a pinned tag, not latest)");
        resources(v.resources(), p);
        int perNode = s.gpuPool().schedulableGpusPerNode();
        if (p.check(v.gpusPerReplica() >= 1, "serving.gpusPerReplica (" + v.gpusPerReplica() + ") must be >= 1")) {
            p.check(v.gpusPerReplica() <= perNode, "serving.gpusPerReplica (" + v.gpusPerReplica()
                    + ") must be <= the GPUs one gpuPool node offers (" + perNode + "): a pod cannot span nodes");
        }
        var a = v.autoscaling();
        AutoscalingRules.validate(s, p);
        p.check(a.maxReplicas() >= a.minReplicas(), "serving.autoscaling.maxReplicas (" + a.maxReplicas()
                + ") must be >= serving.autoscaling.minReplicas (" + a.minReplicas() + ")");
        p.check(a.targetCpuUtilization() >= 1 && a.targetCpuUtilization() <= 100,
                "serving.autoscaling.targetCpuUtilization (" + a.targetCpuUtilization() + ") must be 1..100 (percent)");
        if (v.gpusPerReplica() >= 1 && v.gpusPerReplica() <= perNode && capacityIsKnown(s)) {
            capacity(ReplicaCapacity.of(s.gpuPool(), v), p);
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

    /** The capacity needs a valid machine and GPU and valid requests; a problem with either has its own message. */
    private static boolean capacityIsKnown(Settings s) {
        var g = s.gpuPool();
        var r = s.serving().resources();
        return GpuCatalog.known(g.accelerator())
                && GpuCatalog.familyOf(g.machineType()).equals(GpuCatalog.requiredFamily(g.accelerator()))
                && GpuCatalog.allowedCounts(g.machineType(), g.accelerator()).filter(c -> c.contains(g.acceleratorCount())).isPresent()
                && Quantity.parse(r.cpuRequest()).filter(q -> q.signum() >= 0).isPresent()
                && Quantity.parse(r.memoryRequest()).filter(q -> q.signum() >= 0).isPresent();
    }

    /** Replicas must fit on one node by GPU, CPU and memory, and maxReplicas on the pool at its maximum. */
    private static void capacity(ReplicaCapacity c, Problems p) {
        var a = c.serving().autoscaling();
        List<String> tooLarge = c.requestsThatDoNotFit();
        if (!tooLarge.isEmpty()) {
            p.add(String.join(" and ", tooLarge) + (tooLarge.size() > 1 ? " do" : " does") + " not fit on one gpuPool node ("
                    + c.gpuPool().machineType() + ": " + c.allocatable() + ")");
        } else {
            p.check(a.maxReplicas() <= c.total(), "serving.autoscaling.maxReplicas (" + a.maxReplicas()
                    + ") does not fit on gpuPool.maxNodes (" + c.gpuPool().maxNodes() + "): at most " + c.total()
                    + " replicas; " + c.perNodeReason());
        }
        // The serving pods' zone spread (minDomains 2) places the second replica in another zone than the first.
        var g = c.gpuPool();
        if (g.multiZone() && a.minReplicas() >= 2) {
            p.check(g.maxNodes() >= 2, "gpuPool.maxNodes (" + g.maxNodes() + ") must be >= 2 with gpuPool.zones " + g.zones()
                    + " and serving.autoscaling.minReplicas (" + a.minReplicas() + "): the replicas are spread over two zones");
        }
    }

    private static void resources(ServingSettings.Resources r, Problems p) {
        if (requestWithinLimit("cpu", r.cpuRequest(), r.cpuLimit(), p)) {
            // The autoscaler's target is a percentage of the CPU request: of 0 it is undefined and the HPA never scales.
            p.check(Quantity.parse(r.cpuRequest()).orElseThrow().signum() > 0, "serving.resources.cpuRequest ("
                    + r.cpuRequest() + ") must be more than 0: serving.autoscaling.targetCpuUtilization is a percentage of it");
        }
        requestWithinLimit("memory", r.memoryRequest(), r.memoryLimit(), p);
    }

    /** Kubernetes refuses a pod whose request exceeds its limit, but only at apply time. Returns whether the request is a quantity. */
    private static boolean requestWithinLimit(String resource, String request, String limit, Problems p) {
        String requestKey = "serving.resources." + resource + "Request";
        String limitKey = "serving.resources." + resource + "Limit";
        boolean requestOk = quantity(requestKey, request, p);
        boolean limitOk = quantity(limitKey, limit, p);
        if (requestOk && limitOk) {
            p.check(Quantity.parse(request).orElseThrow().compareTo(Quantity.parse(limit).orElseThrow()) <= 0,
                    requestKey + " (" + request + ") must be <= " + limitKey + " (" + limit + ")");
        }
        return requestOk;
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
            p.check(Cidr.isValid(cidr), key + " entry (" + cidr + ") must be an IPv4 CIDR block such as 203.0.113.0/24"
                    + " (decimal numbers without leading zeros)");
        }
    }
}
