package gkeserving.program.autoscaling;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/**
 * One object of a custom resource (PodMonitoring, ScaledObject, ...). pulumi-kubernetes 4.0.0's Java SDK has
 * no generic {@code CustomResource} class, but its provider accepts any {@code kubernetes:<group>/<version>:<Kind>}
 * token with apiVersion, kind, metadata and the rest of the object as inputs, which is what this registers.
 */
public final class CustomObject extends CustomResource {

    /** @param spec the object's {@code spec}, plain maps, lists and scalars */
    public record Definition(String apiVersion, String kind, ObjectMetaArgs metadata, Map<String, Object> spec) {
        /** The engine's type token: {@code monitoring.googleapis.com/v1} + {@code PodMonitoring}. */
        public String token() {
            return token(apiVersion, kind);
        }

        public static String token(String apiVersion, String kind) {
            return "kubernetes:" + apiVersion + ":" + kind;
        }
    }

    public CustomObject(String name, Definition definition, CustomResourceOptions options) {
        super(definition.token(), name, new Args(definition), options);
    }

    /** The inputs, as the provider reads them. */
    static final class Args extends ResourceArgs {
        @Import(name = "apiVersion", required = true)
        private final Output<String> apiVersion;
        @Import(name = "kind", required = true)
        private final Output<String> kind;
        @Import(name = "metadata", required = true)
        private final Output<ObjectMetaArgs> metadata;
        @Import(name = "spec", required = true)
        private final Output<Map<String, Object>> spec;

        Args(Definition d) {
            this.apiVersion = Output.of(d.apiVersion());
            this.kind = Output.of(d.kind());
            this.metadata = Output.of(d.metadata());
            this.spec = Output.of(d.spec());
        }
    }
}
