package io.crossbar.sbe;

import java.util.function.Consumer;

/**
 * One message's round trip: {@code body} encodes the message with distinctive values through the
 * harness, decodes it and asserts every field.
 *
 * @param schema     schema file name, e.g. {@code orderentry.xml}.
 * @param templateId the message's id, from its generated {@code *Decoder.TEMPLATE_ID}.
 * @param body       the encode, decode and assert steps.
 */
record RoundTrip(String schema, int templateId, Consumer<CodecHarness> body)
{
}
