package dev.parley.server.transport.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.Queue;

/**
 * The response encoder, told each request's method by {@link StrictRequestDecoder} in the
 * order the requests came, which is the order they are answered: the answer to a {@code HEAD}
 * carries the headers of a {@code GET} and no body. One per connection, until the upgrade.
 */
final class HeadAwareResponseEncoder extends HttpResponseEncoder {
  private final Queue<HttpMethod> methods;

  HeadAwareResponseEncoder(Queue<HttpMethod> methods) {
    this.methods = methods;
  }

  @Override
  protected boolean isContentAlwaysEmpty(HttpResponse response) {
    boolean interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL
        && response.status().code() != 101;
    HttpMethod method = interim ? null : methods.poll(); // a 100 Continue answers nothing yet
    return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(response);
  }
}
