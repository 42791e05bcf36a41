package no.sunnekommuner.cms.repository;

import com.google.common.collect.ImmutableList;
import com.google.common.io.ByteSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import javax.jcr.Binary;
import javax.jcr.Node;
import javax.jcr.Property;
import javax.jcr.PropertyType;
import javax.jcr.RepositoryException;
import javax.jcr.Value;
import javax.jcr.ValueFactory;

/** Converts between the content model's Java values and JCR values; dates keep their offset. */
public final class JcrValues {

    private JcrValues() {
    }

    public static void set(Node node, String name, Object value) throws RepositoryException {
        ValueFactory factory = node.getSession().getValueFactory();
        if (value instanceof List<?> list) {
            Value[] values = new Value[list.size()];
            int type = PropertyType.STRING;
            for (int i = 0; i < values.length; i++) {
                values[i] = toValue(factory, list.get(i));
                type = values[i].getType();
            }
            if (node.hasProperty(name) && !node.getProperty(name).isMultiple()) {
                node.getProperty(name).remove();
            }
            node.setProperty(name, values, type);
        } else {
            if (node.hasProperty(name) && node.getProperty(name).isMultiple()) {
                node.getProperty(name).remove();
            }
            node.setProperty(name, toValue(factory, value));
        }
    }

    public static Value toValue(ValueFactory factory, Object value) throws RepositoryException {
        if (value instanceof String s) {
            return factory.createValue(s);
        } else if (value instanceof Boolean b) {
            return factory.createValue(b);
        } else if (value instanceof Long l) {
            return factory.createValue(l);
        } else if (value instanceof Double d) {
            return factory.createValue(d);
        } else if (value instanceof BigDecimal d) {
            return factory.createValue(d);
        } else if (value instanceof OffsetDateTime d) {
            return factory.createValue(calendar(d));
        } else if (value instanceof ByteSource bytes) {
            try (InputStream in = bytes.openStream()) {
                Binary binary = factory.createBinary(in);
                return factory.createValue(binary);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalArgumentException("unsupported value " + value);
    }

    public static Calendar calendar(OffsetDateTime date) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone(date.getOffset()));
        calendar.setTimeInMillis(date.toInstant().toEpochMilli());
        return calendar;
    }

    public static OffsetDateTime date(Calendar calendar) {
        int offsetMillis = calendar.getTimeZone().getOffset(calendar.getTimeInMillis());
        return OffsetDateTime.ofInstant(calendar.toInstant(), ZoneOffset.ofTotalSeconds(offsetMillis / 1000));
    }

    public static Object read(Property property) throws RepositoryException {
        if (property.isMultiple()) {
            ImmutableList.Builder<Object> values = ImmutableList.builder();
            for (Value v : property.getValues()) {
                values.add(read(v));
            }
            return values.build();
        }
        return read(property.getValue());
    }

    public static Object read(Value value) throws RepositoryException {
        return switch (value.getType()) {
            case PropertyType.BOOLEAN -> value.getBoolean();
            case PropertyType.LONG -> value.getLong();
            case PropertyType.DOUBLE -> value.getDouble();
            case PropertyType.DECIMAL -> value.getDecimal();
            case PropertyType.DATE -> date(value.getDate());
            case PropertyType.BINARY -> new StoredBinary(value.getBinary());
            default -> value.getString();
        };
    }

    /**
     * A binary read lazily from the repository's data store: reading an item (an asset of 20 MB) does not load its
     * file, and copying it (publish, versions) streams it. Jackrabbit's data-store binaries stay readable after
     * the session that read them is closed (the record is addressed by its content hash).
     */
    private static final class StoredBinary extends ByteSource {
        private final Binary binary;

        StoredBinary(Binary binary) {
            this.binary = binary;
        }

        @Override
        public InputStream openStream() throws IOException {
            try {
                return binary.getStream();
            } catch (RepositoryException e) {
                throw new IOException("Could not read a binary value", e);
            }
        }

        @Override
        public com.google.common.base.Optional<Long> sizeIfKnown() {
            try {
                return com.google.common.base.Optional.of(binary.getSize());
            } catch (RepositoryException e) {
                return com.google.common.base.Optional.absent();
            }
        }
    }
}
