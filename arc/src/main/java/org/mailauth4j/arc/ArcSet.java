package org.mailauth4j.arc;

import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.tags.TagList;

/**
 * One ARC set (RFC 8617 §4.2): the ARC-Authentication-Results, ARC-Message-Signature and ARC-Seal
 * header fields that share an instance number, with the parsed tags of the two signatures.
 */
record ArcSet(int instance, HeaderField aar, HeaderField ams, TagList amsTags, HeaderField seal, TagList sealTags) {

    static final String AAR = "ARC-Authentication-Results";
    static final String AMS = "ARC-Message-Signature";
    static final String AS = "ARC-Seal";
}
