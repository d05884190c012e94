package gkeserving.tools.sdk;

import com.google.protobuf.Value;
import com.pulumi.Context;
import com.pulumi.Log;
import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.serialization.internal.LocalSerializer;
import com.pulumi.core.Output;
import com.pulumi.core.internal.OutputData;
import com.pulumi.core.internal.OutputInternal;
import com.pulumi.resources.InputArgs;
import com.pulumi.resources.ProviderResource;
import com.pulumi.serialization.internal.Deserializer;
import com.pulumi.serialization.internal.Serializer;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The one place that touches the Pulumi Java SDK's internal classes ({@code com.pulumi.*.internal},
 * {@code Resource.ResourceInternal}, and its gRPC transport's). They carry no compatibility promise, so an SDK upgrade that moves
 * them breaks this class alone; each member says which public API is missing.
 */
public final class PulumiInternals {
    /**
     * What an Output settled to.
     *
     * @param known     false while its value is only known after {@code up} (a preview's unknowns)
     * @param resources the resources its value was computed from: the engine's implicit dependencies
     */
    public record Settled<T>(T value, boolean known, boolean secret, List<Resource> resources) {
    }

    private static final String GRPC_NETTY_UTILS = "io.grpc.netty.shaded.io.grpc.netty.Utils";
    private static final String GRPC_RESOURCE_HOLDER = "io.grpc.internal.SharedResourceHolder";
    private static final LocalSerializer ENGINE_EVENTS = new LocalSerializer();
    private static final Method GET_RESOURCES = getResourcesMethod();

    private PulumiInternals() {
    }

    /**
     * The settled data of an Output, or empty if it never completed. Output's public API only maps
     * values; their secrecy, knownness and source resources are read through {@code OutputInternal}.
     */
    public static <T> Optional<Settled<T>> settled(Output<T> output) {
        OutputData<T> data = ((OutputInternal<T>) output).getDataAsync().getNow(null);
        return Optional.ofNullable(data).map(d -> new Settled<>(d.getValueNullable(), d.isKnown(), d.isSecret(),
                resourcesOf(d)));
    }

    /** A resource's own provider: options say what the program asked for, only {@code ResourceInternal} what it got. */
    public static Optional<ProviderResource> provider(Resource resource) {
        return Resource.ResourceInternal.from(resource).getProvider();
    }

    /**
     * Runs {@code program} under the mock engine with a stack's config: the public {@code PulumiTest} takes no
     * config, only the internal builder does. The engine keeps global state, cleared after each run.
     */
    public static TestResult runWithMocks(TestOptions options, Mocks mocks, Map<String, String> config,
                                          Consumer<Context> program) {
        try {
            return PulumiTestInternal.builder()
                    .options(options)
                    .mocks(mocks)
                    .config(config, Set.of())
                    .build()
                    .runTest(program);
        } finally {
            PulumiTestInternal.cleanup();
        }
    }

    /**
     * Stops the event loop threads of the SDK's gRPC connections to the engine; call it once the program is done.
     * They wait in epoll, in native code, and the JVM's exit waits up to 300 ms for such threads, daemon or not.
     * grpc-netty shares one event loop group among all channels and has no public way to stop it, so it is taken
     * from its holder. Best effort: should the internals move, the process exits as before, only later.
     */
    public static void stopEngineConnectionThreads() {
        try {
            Field pool = Class.forName(GRPC_NETTY_UTILS).getDeclaredField("DEFAULT_WORKER_EVENT_LOOP_GROUP");
            pool.setAccessible(true);
            Object resource = pool.get(null);
            Class<?> holder = Class.forName(GRPC_RESOURCE_HOLDER);
            Method get = holder.getMethod("get", Class.forName(GRPC_RESOURCE_HOLDER + "$Resource"));
            // Netty's event loop groups are executor services; shutdown() ends them without a quiet period.
            ExecutorService group = (ExecutorService) get.invoke(null, resource);
            group.shutdown();
            group.awaitTermination(1, TimeUnit.SECONDS);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // nothing lost but time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The logger the mock engine echoes program errors to; it is named after an internal class. */
    public static Logger mockEngineLogger() {
        return Logger.getLogger(PulumiTestInternal.class.getName());
    }

    /** One line of the engine's event log; the Automation API parses it only inside its own (internal) serializer. */
    public static EngineEvent engineEvent(String json) {
        return ENGINE_EVENTS.deserializeJson(json, EngineEvent.class);
    }

    /**
     * A resource's args as a registration sends them and the mock engine reads them back (numbers as
     * doubles): a pure builder's output compared in the same shape as a run's inputs. The SDK's serializer
     * is internal.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> registeredInputs(InputArgs args) {
        Object serialized = new Serializer(Log.ignore()).serializeAsync("args", args, false).join();
        Value value = Serializer.createValue(serialized);
        return (Map<String, Object>) new Deserializer(Log.ignore()).deserialize(value).getValueNullable();
    }

    /** Called reflectively: the SDK declares Guava's ImmutableSet, which is on the runtime classpath only. */
    private static List<Resource> resourcesOf(OutputData<?> data) {
        try {
            Collection<?> resources = (Collection<?>) GET_RESOURCES.invoke(data);
            return resources.stream().map(Resource.class::cast).toList();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the resources of an Output: " + e.getMessage(), e);
        }
    }

    private static Method getResourcesMethod() {
        try {
            return OutputData.class.getMethod("getResources");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
