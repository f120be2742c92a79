package dev.keelson.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.MethodNotAllowedException;
import dev.keelson.api.errors.UnauthorizedException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.json.Times;
import dev.keelson.api.protobuf.KubeProtobuf;
import dev.keelson.apiserver.auth.authn.Authenticator;
import dev.keelson.apiserver.auth.authn.Credentials;
import dev.keelson.apiserver.auth.authn.InvalidCredentialsException;
import dev.keelson.apiserver.auth.authn.TokenRequests;
import dev.keelson.apiserver.auth.authn.UserInfo;
import dev.keelson.apiserver.auth.authz.AccessReviews;
import dev.keelson.apiserver.auth.authz.Attributes;
import dev.keelson.apiserver.auth.authz.Authorizer;
import dev.keelson.apiserver.auth.authz.Decision;
import dev.keelson.apiserver.auth.authz.Forbidden;
import dev.keelson.apiserver.auth.authz.RequestInfo;
import dev.keelson.apiserver.http.Exchange;
import dev.keelson.apiserver.http.HttpHandler;
import dev.keelson.apiserver.http.Request;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front of every request: authenticate, authorize, then hand on. With authentication on, a
 * request without credentials is the anonymous user, who may read only what RBAC grants {@code
 * system:unauthenticated} (health and {@code /version}) and otherwise gets 401; credentials that do
 * not authenticate always get 401; an authenticated user the authorizer refuses gets 403 naming
 * verb, resource and user. In-process requests without an {@code Authorization} header are the API
 * server's own loopback user (in {@code system:masters}).
 *
 * <p>The front also answers the APIs that are about the requester rather than stored objects: the
 * access reviews, SelfSubjectReview ({@code kubectl auth whoami}) and the {@code
 * serviceaccounts/token} subresource.
 */
public final class RequestFront implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RequestFront.class);
  private static final Map<String, String> JSON = Map.of("content-type", "application/json");
  private static final String IN_PROCESS = "in-process";

  /** The API server's own user for in-process requests. */
  public static final UserInfo LOOPBACK =
      UserInfo.authenticated("system:apiserver", "", List.of(UserInfo.MASTERS), Map.of());

  private final boolean enabled;
  private final Authenticator authenticator;
  private final Authorizer authorizer;
  private final AccessReviews reviews;
  private final TokenRequests tokenRequests;
  private final InstantSource clock;
  private final HttpHandler next;

  /**
   * @param enabled whether requests are authenticated and authorized at all
   */
  public RequestFront(
      boolean enabled,
      Authenticator authenticator,
      Authorizer authorizer,
      AccessReviews reviews,
      TokenRequests tokenRequests,
      InstantSource clock,
      HttpHandler next) {
    this.enabled = enabled;
    this.authenticator = authenticator;
    this.authorizer = enabled ? authorizer : Authorizer.ALWAYS_ALLOW;
    this.reviews = reviews;
    this.tokenRequests = tokenRequests;
    this.clock = clock;
    this.next = next;
  }

  @Override
  public void handle(Exchange exchange) throws Exception {
    Request r = exchange.request();
    UserInfo user = authenticate(exchange);
    Attributes a = new Attributes(user, RequestInfo.of(r.method(), r.path(), r.query()));
    Decision d = authorizer.authorize(a);
    if (!d.allowed()) {
      if (user.isAnonymous()) {
        throw UnauthorizedException.of("Unauthorized");
      }
      throw Forbidden.of(a, d.reason());
    }
    if (!serveOwnApi(exchange, a)) {
      next.handle(exchange);
    }
  }

  /** The user of a request. */
  UserInfo authenticate(Exchange exchange) {
    Request r = exchange.request();
    String authorization = r.header("authorization");
    if (!enabled) {
      return IN_PROCESS.equals(r.protocol()) ? LOOPBACK : UserInfo.ANONYMOUS_USER;
    }
    if (IN_PROCESS.equals(r.protocol()) && authorization == null) {
      return LOOPBACK;
    }
    Credentials c = Credentials.of(authorization, exchange.clientCertificates());
    if (c.isEmpty()) {
      // No usable credentials (none, an empty bearer token, another scheme): anonymous, as
      // kube-apiserver treats what no authenticator recognizes.
      return UserInfo.ANONYMOUS_USER;
    }
    try {
      return authenticator
          .authenticate(c)
          .orElseThrow(() -> new InvalidCredentialsException("no authenticator knows them"));
    } catch (InvalidCredentialsException e) {
      // The reason only: never the token.
      LOG.debug("{} {}: authentication failed: {}", r.method(), r.path(), e.getMessage());
      throw UnauthorizedException.of("Unauthorized");
    }
  }

  private boolean serveOwnApi(Exchange exchange, Attributes a) {
    RequestInfo info = a.request();
    if (!info.resourceRequest() || !info.apiVersion().equals("v1")) {
      return false;
    }
    String g = info.apiGroup();
    String res = info.resource();
    boolean review =
        (g.equals("authorization.k8s.io")
                && (res.equals("selfsubjectaccessreviews")
                    || res.equals("subjectaccessreviews")
                    || res.equals("selfsubjectrulesreviews")))
            || (g.equals("authentication.k8s.io") && res.equals("selfsubjectreviews"));
    boolean token =
        g.isEmpty()
            && res.equals("serviceaccounts")
            && info.subresource().equals("token")
            && !info.namespace().isEmpty()
            && !info.name().isEmpty();
    if (!review && !token) {
      return false;
    }
    if (review && (!info.name().isEmpty() || !info.namespace().isEmpty())) {
      return false; // not served: the resource handler answers 404
    }
    if (!info.verb().equals("create")) {
      throw MethodNotAllowedException.of(GroupResource.of(g, res), exchange.request().method());
    }
    ObjectNode body =
        body(
            exchange.request(),
            token
                ? new GroupVersionKind("authentication.k8s.io", "v1", "TokenRequest")
                : new GroupVersionKind(
                    g, "v1", res.equals("selfsubjectreviews") ? "SelfSubjectReview" : kindOf(res)));
    ObjectNode out;
    if (token) {
      out = tokenRequests.create(info.namespace(), info.name(), body);
    } else {
      out =
          switch (res) {
            case "selfsubjectaccessreviews" -> reviews.selfSubjectAccessReview(body, a.user());
            case "subjectaccessreviews" -> reviews.subjectAccessReview(body);
            case "selfsubjectrulesreviews" -> reviews.selfSubjectRulesReview(body, a.user());
            default -> selfSubjectReview(a.user());
          };
    }
    exchange.respond(201, JSON, KubeJson.encode(out));
    return true;
  }

  private ObjectNode selfSubjectReview(UserInfo user) {
    ObjectNode out = KubeJson.mapper().createObjectNode();
    out.put("kind", "SelfSubjectReview");
    out.put("apiVersion", "authentication.k8s.io/v1");
    out.putObject("metadata").put("creationTimestamp", Times.format(clock.instant()));
    ObjectNode u = out.putObject("status").putObject("userInfo");
    u.put("username", user.name());
    if (!user.uid().isEmpty()) {
      u.put("uid", user.uid());
    }
    ArrayNode groups = u.putArray("groups");
    user.groups().forEach(groups::add);
    if (!user.extra().isEmpty()) {
      ObjectNode extra = u.putObject("extra");
      user.extra().forEach((k, v) -> v.forEach(extra.withArray(k)::add));
    }
    return out;
  }

  private static String kindOf(String resource) {
    return switch (resource) {
      case "selfsubjectaccessreviews" -> "SelfSubjectAccessReview";
      case "subjectaccessreviews" -> "SubjectAccessReview";
      default -> "SelfSubjectRulesReview";
    };
  }

  /** The posted object: JSON, or Kubernetes protobuf (as kubectl sends built-in kinds). */
  private static ObjectNode body(Request r, GroupVersionKind kind) {
    if (r.body().length == 0) {
      throw BadRequestException.of("the request body must be a JSON object");
    }
    String type = r.header("content-type");
    String media =
        type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    if (media.equals(KubeProtobuf.MEDIA_TYPE)) {
      return KubeProtobuf.decode(r.body(), kind).object();
    }
    JsonNode n = KubeJson.parse(r.body());
    if (!(n instanceof ObjectNode o)) {
      throw BadRequestException.of("the request body must be a JSON object");
    }
    return o;
  }
}
