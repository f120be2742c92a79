package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** A CIDR a network policy rule allows, minus exceptions. */
@KubeModel
public record IPBlock(String cidr, List<String> except) implements IPBlockBuilder.With {
  public IPBlock {
    except = Immutable.list(except);
  }
}
