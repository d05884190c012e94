package gkeserving.program.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TensorFlow's TFRecord framing, as {@code tensorflow/core/lib/io/record_writer.h} writes it and TF Serving's
 * warm-up reader ({@code SequentialRecordReader}, uncompressed) reads it: per record a little-endian uint64
 * length, the masked CRC32C of those 8 bytes, the data, and the masked CRC32C of the data.
 */
public final class TfRecord {
    /** {@code kMaskDelta} in tensorflow/tsl/lib/hash/crc32c.h. */
    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecord() {
    }

    /** The records, framed one after the other: the bytes of a TFRecord file. */
    public static byte[] frame(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] data : records) {
            byte[] length = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
            out.writeBytes(length);
            out.writeBytes(littleEndian(maskedCrc32c(length)));
            out.writeBytes(data);
            out.writeBytes(littleEndian(maskedCrc32c(data)));
        }
        return out.toByteArray();
    }

    /** CRC32C rotated right by 15 bits plus a constant, so that CRCs of data holding CRCs stay well distributed. */
    public static int maskedCrc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + MASK_DELTA;
    }

    private static byte[] littleEndian(int value) {
        return ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }
}
