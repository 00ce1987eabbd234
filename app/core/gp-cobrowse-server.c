/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The listening side that a co-browse host and a relay share: both serve WebSockets on
 * GP_COBROWSE_PATH and differ only in what they do with a connection. */
#include "gp-cobrowse-private.h"

SoupServer *
gp_cobrowse_server_listen (GTlsCertificate              *certificate,
                           const char                   *address,
                           guint                         port,
                           SoupServerWebsocketCallback   callback,
                           gpointer                      user_data,
                           GError                      **error)
{
  g_autoptr(SoupServer) server = soup_server_new ("server-header", NULL, NULL);
  g_autoptr(GError) local_error = NULL;
  SoupServerListenOptions options = certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0;
  gboolean listening;

  if (certificate != NULL)
    g_object_set (server, "tls-certificate", certificate, NULL);
  soup_server_add_websocket_handler (server, GP_COBROWSE_PATH, NULL, NULL, callback, user_data, NULL);
  /* Deflate would let a small frame grow past every limit. */
  soup_server_remove_websocket_extension (server, SOUP_TYPE_WEBSOCKET_EXTENSION_DEFLATE);

  if (address == NULL)
    listening = soup_server_listen_local (server, port, options | SOUP_SERVER_LISTEN_IPV4_ONLY,
                                          &local_error);
  else
    {
      g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new_from_string (address, port);

      if (socket_address == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "“%s” is not an IP address", address);
          return NULL;
        }
      listening = soup_server_listen (server, socket_address, options, &local_error);
    }
  if (!listening)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "cannot listen on %s port %u: ",
                                  address != NULL ? address : "127.0.0.1", port);
      return NULL;
    }
  return g_steal_pointer (&server);
}
