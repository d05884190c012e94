package gkeserving.startup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableMap;
import com.google.protobuf.Empty;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.test.Mocks;
import gkeserving.tools.project.StackFiles;
import gkeserving.tools.render.CloudPlaceholders;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.GetRootResourceRequest;
import pulumirpc.EngineOuterClass.GetRootResourceResponse;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.LogSeverity;
import pulumirpc.EngineOuterClass.SetRootResourceRequest;
import pulumirpc.EngineOuterClass.SetRootResourceResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.ResourceInvokeResponse;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;
import pulumirpc.ResourceMonitorGrpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A stand-in for the Pulumi engine's two gRPC services (resource monitor and engine) on the loopback address,
 * so the benchmark, the class-data archive's training run and the jar's tests can run the jar as the language
 * host does ({@code java -jar} with PULUMI_MONITOR and
 * PULUMI_ENGINE set) without a pulumi CLI or provider plugins. It answers like a preview: a registration gets a
 * URN and ID and its inputs back as outputs; invokes get {@link CloudPlaceholders}' answers. What it costs the
 * program is one loopback round trip per call, as with the real engine; the engine's own work (providers' Check
 * and Diff) is not modelled.
 */
public final class EngineStandIn implements AutoCloseable {
    /** The features the real engine (3.x) reports for a preview. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FEATURES = Set.of("secrets", "resourceReferences", "deletedWith", "aliasSpecs");

    private final Server server;
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final CloudPlaceholders answers = new CloudPlaceholders("project", "region");
    private volatile String root = "";
    private volatile long lastCall = System.nanoTime();

    public EngineStandIn() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new Monitor())
                .addService(new Engine())
                .build()
                .start();
    }

    /** host:port for PULUMI_MONITOR and PULUMI_ENGINE. */
    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /**
     * The environment the language host gives the program for a preview of {@code stack}: this engine's address,
     * the project, the stack and its config. The docker check is told a daemon answers (no daemon is reached).
     */
    public Map<String, String> programEnvironment(Path projectDir, String stack) {
        StackFiles files = StackFiles.of(projectDir);
        String config;
        try {
            config = JSON.writeValueAsString(new TreeMap<>(files.config(stack)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("PULUMI_MONITOR", address(), "PULUMI_ENGINE", address(), "PULUMI_PROJECT", files.project(),
                "PULUMI_STACK", stack, "PULUMI_DRY_RUN", "true", "PULUMI_CONFIG", config,
                "PULUMI_CONFIG_SECRET_KEYS", "[]", "DOCKER_HOST", "ssh://engine-stand-in.invalid");
    }

    /** Error messages the programs logged since the last call: a run that logged one failed. */
    public List<String> takeErrors() {
        synchronized (errors) {
            List<String> taken = List.copyOf(errors);
            errors.clear();
            return taken;
        }
    }

    /** When the last call was answered ({@link System#nanoTime()}): the program's last act before it exits. */
    public long lastCallNanos() {
        return lastCall;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private <T> void reply(StreamObserver<T> observer, T value) {
        observer.onNext(value);
        observer.onCompleted();
        lastCall = System.nanoTime();
    }

    private final class Monitor extends ResourceMonitorGrpc.ResourceMonitorImplBase {
        @Override
        public void supportsFeature(SupportsFeatureRequest request, StreamObserver<SupportsFeatureResponse> observer) {
            reply(observer, SupportsFeatureResponse.newBuilder().setHasSupport(FEATURES.contains(request.getId())).build());
        }

        @Override
        public void registerResource(RegisterResourceRequest request, StreamObserver<RegisterResourceResponse> observer) {
            String urn = "urn:pulumi:bench::bench::" + request.getType() + "::" + request.getName();
            var response = RegisterResourceResponse.newBuilder().setUrn(urn).setObject(request.getObject());
            if (request.getCustom()) {
                response.setId(request.getName() + "-id");
            }
            reply(observer, response.build());
        }

        @Override
        public void registerResourceOutputs(RegisterResourceOutputsRequest request, StreamObserver<Empty> observer) {
            reply(observer, Empty.getDefaultInstance());
        }

        @Override
        public void invoke(ResourceInvokeRequest request, StreamObserver<ResourceInvokeResponse> observer) {
            Map<String, Object> result = answers.callAsync(new Mocks.CallArgs(request.getTok(), ImmutableMap.of(), "")).join();
            reply(observer, ResourceInvokeResponse.newBuilder().setReturn(struct(result)).build());
        }
    }

    private final class Engine extends EngineGrpc.EngineImplBase {
        @Override
        public void log(LogRequest request, StreamObserver<Empty> observer) {
            if (request.getSeverity() == LogSeverity.ERROR) {
                errors.add(request.getMessage());
            }
            reply(observer, Empty.getDefaultInstance());
        }

        @Override
        public void getRootResource(GetRootResourceRequest request, StreamObserver<GetRootResourceResponse> observer) {
            reply(observer, GetRootResourceResponse.newBuilder().setUrn(root).build());
        }

        @Override
        public void setRootResource(SetRootResourceRequest request, StreamObserver<SetRootResourceResponse> observer) {
            root = request.getUrn();
            reply(observer, SetRootResourceResponse.getDefaultInstance());
        }
    }

    private static Struct struct(Map<String, Object> map) {
        Struct.Builder struct = Struct.newBuilder();
        map.forEach((key, value) -> struct.putFields(key, value(value)));
        return struct.build();
    }

    @SuppressWarnings("unchecked")
    private static Value value(Object value) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (value instanceof Map<?, ?> map) {
            return Value.newBuilder().setStructValue(struct((Map<String, Object>) map)).build();
        }
        if (value instanceof List<?> list) {
            ListValue.Builder values = ListValue.newBuilder();
            list.forEach(item -> values.addValues(value(item)));
            return Value.newBuilder().setListValue(values).build();
        }
        if (value instanceof Number number) {
            return Value.newBuilder().setNumberValue(number.doubleValue()).build();
        }
        if (value instanceof Boolean bool) {
            return Value.newBuilder().setBoolValue(bool).build();
        }
        return Value.newBuilder().setStringValue(String.valueOf(value)).build();
    }
}
