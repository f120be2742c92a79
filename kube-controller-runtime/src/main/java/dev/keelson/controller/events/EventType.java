package dev.keelson.controller.events;

/** The {@code type} of an Event. */
public enum EventType {
  /** Something expected happened ({@code Normal}). */
  NORMAL("Normal"),
  /** Something may need attention ({@code Warning}). */
  WARNING("Warning");

  private final String value;

  EventType(String value) {
    this.value = value;
  }

  /** The value written to the Event ({@code Normal} or {@code Warning}). */
  public String value() {
    return value;
  }
}
