package dev.keelson.api.meta;

/** The two fields that say what an object is: {@code apiVersion} and {@code kind}. */
public record TypeMeta(String apiVersion, String kind) {}
