package org.mailauth4j.core.tags;

/** A tag=value list is malformed; the message names the tag (when known) and the character offset. */
public final class TagListException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String tag;
    private final int position;

    public TagListException(String tag, int position, String problem) {
        super((tag == null ? "" : "tag " + tag + ": ") + problem + " at offset " + position);
        this.tag = tag;
        this.position = position;
    }

    /** The tag name, or {@code null} when the error is not inside a named tag. */
    public String tag() {
        return tag;
    }

    public int position() {
        return position;
    }
}
