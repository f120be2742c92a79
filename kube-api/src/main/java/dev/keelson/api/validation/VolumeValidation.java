package dev.keelson.api.validation;

import dev.keelson.api.core.v1.Volume;
import dev.keelson.api.core.v1.VolumeMount;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The volume side of {@link PodValidation}: a pod's volumes (names as DNS labels, unique, exactly
 * one source each) and a container's volume mounts (naming a declared volume, unique non-empty
 * mount paths, relative sub-paths without {@code ..}). Also holds {@link #exactlyOne}, the "exactly
 * one non-null component" check that volume sources and lifecycle handlers share.
 */
final class VolumeValidation {
  private VolumeValidation() {}

  static List<FieldError> validateVolumes(List<Volume> volumes, FieldPath path, Set<String> names) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < volumes.size(); i++) {
      Volume v = volumes.get(i);
      FieldPath at = path.index(i);
      FieldPath namePath = at.child("name");
      String name = ObjectMetaValidation.nullToEmpty(v.name());
      if (name.isEmpty()) {
        errs.add(FieldError.required(namePath.toString(), ""));
      } else {
        errs.addAll(Names.validateDns1123Label(name, namePath));
      }
      if (!name.isEmpty() && !names.add(name)) {
        errs.add(FieldError.duplicate(namePath.toString(), name));
      }
      errs.addAll(exactlyOne(v, "name", at, "volume type"));
    }
    return errs;
  }

  /**
   * Of the non-null components of {@code record} other than {@code skip}, exactly one: {@code
   * Required: must specify a <what>} for none, {@code Forbidden: may not specify more than 1
   * <what>} at each extra one.
   */
  static List<FieldError> exactlyOne(Record record, String skip, FieldPath at, String what) {
    List<FieldError> errs = new ArrayList<>();
    int count = 0;
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      if (c.getName().equals(skip) || value(c, record) == null) {
        continue;
      }
      if (++count > 1) {
        errs.add(
            FieldError.forbidden(
                at.child(c.getName()).toString(), "may not specify more than 1 " + what));
      }
    }
    if (count == 0) {
      errs.add(FieldError.required(at.toString(), "must specify a " + what));
    }
    return errs;
  }

  static Object value(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<FieldError> validateVolumeMounts(
      List<VolumeMount> mounts, FieldPath path, Set<String> volumeNames) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> mountPaths = new HashSet<>();
    for (int i = 0; i < mounts.size(); i++) {
      VolumeMount m = mounts.get(i);
      FieldPath at = path.index(i);
      String name = ObjectMetaValidation.nullToEmpty(m.name());
      if (name.isEmpty()) {
        errs.add(FieldError.required(at.child("name").toString(), ""));
      } else if (!volumeNames.contains(name)) {
        errs.add(new FieldError(FieldError.Type.NOT_FOUND, at.child("name").toString(), name, ""));
      }
      String mountPath = ObjectMetaValidation.nullToEmpty(m.mountPath());
      if (mountPath.isEmpty()) {
        errs.add(FieldError.required(at.child("mountPath").toString(), ""));
      } else if (!mountPaths.add(mountPath)) {
        errs.add(FieldError.invalid(at.child("mountPath").toString(), mountPath, "must be unique"));
      }
      String subPath = ObjectMetaValidation.nullToEmpty(m.subPath());
      if (!subPath.isEmpty()) {
        errs.addAll(localDescendingPath(subPath, at.child("subPath")));
      }
    }
    return errs;
  }

  private static List<FieldError> localDescendingPath(String p, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (p.startsWith("/")) {
      errs.add(FieldError.invalid(path.toString(), p, "must be a relative path"));
    }
    for (String part : p.split("[/\\\\]")) {
      if (part.equals("..")) {
        errs.add(FieldError.invalid(path.toString(), p, "must not contain '..'"));
        break;
      }
    }
    return errs;
  }
}
