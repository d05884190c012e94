package gkeserving.program.serving;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.TextFormat;
import com.google.protobuf.WrappersProto;
import tensorflow.serving.ModelServerConfigOuterClass.ModelServerConfig;
import tensorflow.serving.MonitoringConfigOuterClass.MonitoringConfig;

/**
 * Parses TF Serving's config files the way the server does: protocol buffer text format into its own
 * messages, rejecting unknown fields and wrongly typed values. Used by the tests and by offline checks
 * of rendered output, so a typo fails here instead of crash-looping a GPU pod.
 */
public final class TfServingConfigParser {
    /**
     * TF Serving's {@code BatchingParameters}, fields 1-7 as declared in
     * {@code tensorflow_serving/servables/tensorflow/session_bundle_config.proto}. No Java build of that
     * proto is published (camel-tensorflow-serving ships the model server and monitoring protos only),
     * so the message is declared here against protobuf's own compiled {@code wrappers.proto}: the check
     * then exercises the same names, numbers and wrapper types the server's parser does.
     */
    static final Descriptor BATCHING_PARAMETERS = batchingParametersDescriptor();

    private TfServingConfigParser() {
    }

    public static ModelServerConfig modelServerConfig(String text) throws TextFormat.ParseException {
        var builder = ModelServerConfig.newBuilder();
        TextFormat.merge(text, builder);
        return builder.build();
    }

    public static MonitoringConfig monitoringConfig(String text) throws TextFormat.ParseException {
        var builder = MonitoringConfig.newBuilder();
        TextFormat.merge(text, builder);
        return builder.build();
    }

    public static DynamicMessage batchingParameters(String text) throws TextFormat.ParseException {
        var builder = DynamicMessage.newBuilder(BATCHING_PARAMETERS);
        TextFormat.merge(text, builder);
        return builder.build();
    }

    private static Descriptor batchingParametersDescriptor() {
        String int64Value = ".google.protobuf.Int64Value";
        var message = DescriptorProto.newBuilder().setName("BatchingParameters")
                .addField(message("max_batch_size", 1, int64Value))
                .addField(message("batch_timeout_micros", 2, int64Value))
                .addField(message("max_enqueued_batches", 3, int64Value))
                .addField(message("num_batch_threads", 4, int64Value))
                .addField(message("thread_pool_name", 5, ".google.protobuf.StringValue"))
                .addField(field("allowed_batch_sizes", 6, Type.TYPE_INT64).setLabel(Label.LABEL_REPEATED))
                .addField(field("pad_variable_length_inputs", 7, Type.TYPE_BOOL));
        var file = FileDescriptorProto.newBuilder()
                .setName("tensorflow_serving/servables/tensorflow/session_bundle_config.proto")
                .setPackage("tensorflow.serving")
                .setSyntax("proto3")
                .addDependency(WrappersProto.getDescriptor().getName())
                .addMessageType(message)
                .build();
        try {
            return FileDescriptor.buildFrom(file, new FileDescriptor[] {WrappersProto.getDescriptor()})
                    .findMessageTypeByName("BatchingParameters");
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("the BatchingParameters declaration above is malformed", e);
        }
    }

    private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(Label.LABEL_OPTIONAL);
    }

    private static FieldDescriptorProto.Builder message(String name, int number, String typeName) {
        return field(name, number, Type.TYPE_MESSAGE).setTypeName(typeName);
    }
}
