package gkeserving.tools.render.check;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.WrappersProto;

/**
 * TF Serving's {@code BatchingParameters} message, as declared in
 * {@code tensorflow_serving/servables/tensorflow/session_bundle_config.proto} (TF Serving 2.18: fields 1-9).
 * No Java build of that proto is published (camel-tensorflow-serving ships the model server and monitoring
 * protos only), so the message is declared here against protobuf's own compiled {@code wrappers.proto}:
 * protobuf's text-format parser then knows exactly the names, numbers and wrapper types the server's does.
 */
final class BatchingParametersProto {
    private static final String INT64_VALUE = ".google.protobuf.Int64Value";

    static final Descriptor DESCRIPTOR = declare(DescriptorProto.newBuilder().setName("BatchingParameters")
            .addField(wrapper("max_batch_size", 1, INT64_VALUE))
            .addField(wrapper("batch_timeout_micros", 2, INT64_VALUE))
            .addField(wrapper("max_enqueued_batches", 3, INT64_VALUE))
            .addField(wrapper("num_batch_threads", 4, INT64_VALUE))
            .addField(wrapper("thread_pool_name", 5, ".google.protobuf.StringValue"))
            .addField(field("allowed_batch_sizes", 6, Type.TYPE_INT64).setLabel(Label.LABEL_REPEATED))
            .addField(field("pad_variable_length_inputs", 7, Type.TYPE_BOOL))
            .addField(wrapper("enable_large_batch_splitting", 8, ".google.protobuf.BoolValue"))
            .addField(wrapper("max_execution_batch_size", 9, INT64_VALUE)));

    private BatchingParametersProto() {
    }

    private static Descriptor declare(DescriptorProto.Builder message) {
        var file = FileDescriptorProto.newBuilder()
                .setName("tensorflow_serving/servables/tensorflow/session_bundle_config.proto")
                .setPackage("tensorflow.serving")
                .setSyntax("proto3")
                .addDependency(WrappersProto.getDescriptor().getName())
                .addMessageType(message)
                .build();
        try {
            return FileDescriptor.buildFrom(file, new FileDescriptor[] {WrappersProto.getDescriptor()})
                    .findMessageTypeByName(message.getName());
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("the BatchingParameters declaration is malformed", e);
        }
    }

    private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(Label.LABEL_OPTIONAL);
    }

    /** A {@code google.protobuf.*Value} wrapper, written {@code name { value: N }} in text format. */
    private static FieldDescriptorProto.Builder wrapper(String name, int number, String wrapperType) {
        return field(name, number, Type.TYPE_MESSAGE).setTypeName(wrapperType);
    }
}
