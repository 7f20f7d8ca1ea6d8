package dev.simplec.serializer.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.SimplecException;
import dev.simplec.serializer.rules.Invalid;

/** Reads one scalar at the current token, insisting on its JSON type. */
final class JsonValues {
    private JsonValues() {
    }

    static String readString(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw wrongType(p, "a string");
        }
        return p.getText();
    }

    static boolean readBoolean(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw wrongType(p, "a boolean");
    }

    /** A JSON integer that fits a Java int. */
    static int readInt(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(p, "an integer");
        }
        if (p.getNumberType() != JsonParser.NumberType.INT) {
            throw Invalid.at(JsonPath.of(p), JsonStrings.showShort(p.getText()) + " is out of range");
        }
        return p.getIntValue();
    }

    static SimplecException wrongType(JsonParser p, String expected) {
        return Invalid.at(JsonPath.of(p), "expected " + expected + ", got " + describe(p.currentToken()));
    }

    private static String describe(@Nullable JsonToken t) {
        if (t == null) {
            return "the end of the input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a number with a fraction or exponent";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }
}
