package dev.keelson.net.cni;

import java.util.List;

/**
 * A plugin's answer to VERSION.
 *
 * @param cniVersion the version of the answer's format
 * @param supportedVersions the spec versions the plugin accepts
 */
public record PluginVersionInfo(String cniVersion, List<String> supportedVersions) {
  /** Copies the list. */
  public PluginVersionInfo {
    cniVersion = cniVersion == null ? "" : cniVersion;
    supportedVersions = List.copyOf(supportedVersions);
  }

  /** Whether the plugin accepts {@code version}. */
  public boolean supports(String version) {
    return supportedVersions.contains(version);
  }
}
