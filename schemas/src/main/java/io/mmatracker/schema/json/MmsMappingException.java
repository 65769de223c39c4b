package io.mmatracker.schema.json;

/**
 * MMA JSON that does not fit the Avro contract (or a record that cannot be written as MMA JSON): names the object,
 * the field path inside it, the JSON type the schema expects and what was found instead.
 */
public final class MmsMappingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String object;
    private final String path;
    private final String expected;
    private final String found;

    MmsMappingException(String object, String path, String expected, String found) {
        super(object + ": " + (path.isEmpty() ? "the object itself" : "field " + path)
                + " expects " + expected + " but found " + found);
        this.object = object;
        this.path = path;
        this.expected = expected;
        this.found = found;
    }

    /** The object being mapped: its record name and, when known, its id, e.g. {@code MmsJob id=10}. */
    public String object() {
        return object;
    }

    /** The field path inside the object, e.g. {@code config.partitions[0]}; empty for the object itself. */
    public String path() {
        return path;
    }

    /** What the schema expects there, e.g. {@code long (an integral JSON number)}. */
    public String expected() {
        return expected;
    }

    /** What was there instead, e.g. {@code string "abc"}. */
    public String found() {
        return found;
    }
}
