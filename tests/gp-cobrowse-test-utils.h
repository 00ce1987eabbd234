/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "gp-test-utils.h"
#include "gp-cobrowse-private.h"
#include "gp-test-wait.h"

/* Shared by the co-browse tests, a host and its peers in one process over loopback:
 * letting peers in, requests, closing.  Waits have the test's watchdog (WATCHDOG_S). */

/* A "peer-knocking" handler that lets everybody in. */
static inline void
gp_test_admit_all (GpCobrowseHost     *host,
                   GpCobrowsePeerInfo *info,
                   gpointer            data)
{
  gp_cobrowse_host_answer_knock (host, info, TRUE);
}

/* Waits until @peer, connecting, is either in or closed, and asserts it is in. */
static inline void
gp_test_wait_connected (GpCobrowsePeer *peer)
{
  WAIT_FOR (gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_CONNECTED ||
            gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_CLOSED);
  g_assert_cmpint (gp_cobrowse_peer_get_state (peer), ==, GP_COBROWSE_PEER_STATE_CONNECTED);
}

/* Closes @peer and asserts that, once closed, nothing holds it any more. */
static inline void
gp_test_peer_free (GpCobrowsePeer *peer)
{
  gp_cobrowse_peer_close (peer);
  WAIT_FOR (gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_CLOSED);
  g_assert_finalize_object (peer);
}

/* Returns: (transfer full) (nullable): the arguments of a request, from @json */
static inline JsonObject *
gp_test_parse_args (const char *json)
{
  g_autoptr(JsonNode) node = NULL;

  if (json == NULL)
    return NULL;
  node = gp_json_parse_strict (json, strlen (json), 16, NULL, NULL, NULL);
  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

/* What a peer's request came to, filled in by gp_test_request_done(). */
typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} GpTestResult;

static inline void
gp_test_request_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  GpTestResult *r = data;

  r->ok = gp_cobrowse_peer_request_finish (GP_COBROWSE_PEER (source), result, &r->error);
  r->done = TRUE;
}

/* Asks the host, as @peer, to do @action with the arguments @args_json, and waits.
 * Returns: TRUE when the host accepted; *@error says why not */
static inline gboolean
gp_test_request (GpCobrowsePeer  *peer,
                 const char      *action,
                 const char      *args_json,
                 GError         **error)
{
  g_autoptr(JsonObject) args = gp_test_parse_args (args_json);
  GpTestResult r = { 0 };

  gp_cobrowse_peer_request (peer, action, args, NULL, gp_test_request_done, &r);
  WAIT_FOR (r.done);
  if (r.error != NULL)
    g_propagate_error (error, r.error);
  return r.ok;
}

/* @action with the arguments @args_json, done at @host by its agent; asserts it is done. */
static inline void
gp_test_host_ok (GpCobrowseHost *host,
                 const char     *action,
                 const char     *args_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) args = gp_test_parse_args (args_json);

  gp_cobrowse_host_perform (host, action, args, &error);
  g_assert_no_error (error);
}

/* Loopback only: no proxy settings to look up (the schema may not be installed). */
static inline void
gp_test_init_loopback (int    *argc,
                       char ***argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}
