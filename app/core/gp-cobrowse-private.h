/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>
#include <guidepost/gp-cobrowse-protocol.h>
#include <guidepost/gp-cobrowse-host.h>
#include <guidepost/gp-cobrowse-peer.h>

#include "gp-json-doc.h"

G_BEGIN_DECLS

/* Messages, the role table and join codes: shared by host, peer and relay (and tests). */

/* Close codes (RFC 6455) with the reason text as the only explanation. */
#define GP_COBROWSE_CLOSE_NORMAL      1000
#define GP_COBROWSE_CLOSE_GOING_AWAY  1001
#define GP_COBROWSE_CLOSE_UNSUPPORTED 1003
#define GP_COBROWSE_CLOSE_POLICY      1008
#define GP_COBROWSE_CLOSE_TOO_BIG     1009
#define GP_COBROWSE_CLOSE_INTERNAL    1011
#define GP_COBROWSE_CLOSE_TRY_AGAIN   1013
/* Relay: no such room.  Final for a first join; a peer that was in the session keeps
 * trying (the relay may have restarted and the host not registered again yet). */
#define GP_COBROWSE_CLOSE_NO_ROOM     4404

/* Depth of nesting accepted in an incoming message (the flow in a welcome is deepest). */
#define GP_COBROWSE_MAX_DEPTH 32

typedef gint64 (*GpCobrowseClockFunc) (gpointer user_data);

typedef enum {
  ACTION_NEXT, ACTION_BACK, ACTION_CHOOSE, ACTION_HINT, ACTION_WHY, ACTION_PASS_CHECK,
  ACTION_FAIL_CHECK, ACTION_REPORT_FAILURE, ACTION_INJECT_FAILURE, ACTION_TAKE_RECOVERY,
  ACTION_ANSWER_OFFER, ACTION_PRESENT_OFFER, ACTION_ESCALATE, ACTION_COMPLAINT,
  ACTION_NOTE, ACTION_SATISFACTION, ACTION_END, ACTION_TAKE_OVER, ACTION_HAND_BACK,
  ACTION_CONSENT, ACTION_POINT,
  N_ACTIONS
} GpCobrowseAction;

gboolean    gp_cobrowse_action_from_string (const char *text, GpCobrowseAction *action);
const char *gp_cobrowse_action_to_string   (GpCobrowseAction action);
/* The role table: FALSE with FORBIDDEN or NOT_DRIVING when @role may not ask for @action
 * now.  @driver is the session's driver. */
gboolean    gp_cobrowse_role_check         (GpCobrowseRole    role,
                                            GpCobrowseAction  action,
                                            int               driver,
                                            GError          **error);

/* {"v": 1, "type": @type} to add members to. */
JsonObject *gp_cobrowse_message_new        (const char *type);
/* Returns: (transfer full): compact JSON text (takes @message) */
char       *gp_cobrowse_message_serialize  (JsonObject *message, gsize *length);
/* Parses with the strict parser and checks the envelope.  Returns: (transfer full)
 * (nullable): the message object; on error *@close_code says how to close. */
JsonObject *gp_cobrowse_message_parse      (GBytes     *bytes,
                                            gsize       max_size,
                                            const char **type,
                                            gushort    *close_code,
                                            GError    **error);
/* The same checks, leaving the message in the strict parser's document (a peer reads
 * events straight from it); @type points into the document. */
GpJsonDoc  *gp_cobrowse_message_parse_doc  (GBytes     *bytes,
                                            gsize       max_size,
                                            const char **type,
                                            gushort    *close_code,
                                            GError    **error);
/* {"domain", "code", "message"} from a GP_COBROWSE_ERROR or GP_SESSION_ERROR, and back. */
JsonObject *gp_cobrowse_error_to_json      (const GError *error);
GError     *gp_cobrowse_error_from_json    (JsonObject   *object);

/* Members with their type checked: FALSE with BAD_REQUEST naming the member. */
gboolean    gp_cobrowse_get_string         (JsonObject *object, const char *name, gboolean optional,
                                            const char **value, GError **error);
gboolean    gp_cobrowse_get_int            (JsonObject *object, const char *name, gboolean optional,
                                            gint64 *value, GError **error);
gboolean    gp_cobrowse_get_bool           (JsonObject *object, const char *name, gboolean *value, GError **error);

/* A fresh join code from getrandom(). */
char       *gp_cobrowse_code_generate      (guint length);
/* Upper-cases and drops spaces and dashes; NULL when anything else is outside the alphabet. */
char       *gp_cobrowse_code_normalize     (const char *text);
/* Constant time in the length of @expected. */
gboolean    gp_cobrowse_code_equal         (const char *expected, const char *given);

/* Sends @text when the connection is open (never a critical on a closing one). */
void        gp_cobrowse_send_text          (SoupWebsocketConnection *connection, const char *text);
void        gp_cobrowse_close              (SoupWebsocketConnection *connection, gushort code, const char *reason);

/* Test hooks. */
void        gp_cobrowse_host_set_clock     (GpCobrowseHost *self, GpCobrowseClockFunc func, gpointer user_data);
void        gp_cobrowse_host_set_limits    (GpCobrowseHost *self, guint max_peers, double messages_per_second,
                                            guint burst, gint64 code_attempt_interval_us);
void        gp_cobrowse_host_set_keepalive (GpCobrowseHost *self, guint dead_after_ms);
/* Breaks every connection at once without a close frame, as a network failure would. */
void        gp_cobrowse_host_break_connections (GpCobrowseHost *self);
void        gp_cobrowse_peer_set_keepalive (GpCobrowsePeer *self, guint ping_ms, guint dead_after_ms);
void        gp_cobrowse_peer_break_connection (GpCobrowsePeer *self);
/* While held, a peer that lost its connection stays "reconnecting" without retrying. */
void        gp_cobrowse_peer_hold_reconnect (GpCobrowsePeer *self, gboolean hold);
/* Sends @text as it is: for tests of hostile input through a real peer connection. */
void        gp_cobrowse_peer_send_raw      (GpCobrowsePeer *self, const char *text);
/* Stops answering (pings and everything else) to look dead. */
void        gp_cobrowse_peer_set_silent    (GpCobrowsePeer *self, gboolean silent);

/* gp-cobrowse-addresses.c: this computer's IPv4 addresses other than loopback and
 * link-local, as text, possibly none. */
GStrv gp_cobrowse_local_addresses (void);

/* gp-cobrowse-server.c: a server for co-browse WebSockets on @address (NULL: 127.0.0.1)
 * and @port, over TLS when @certificate is set.  Returns: (transfer full) (nullable): the
 * listening server; on error the GIO error naming the address and port. */
SoupServer *gp_cobrowse_server_listen (GTlsCertificate              *certificate,
                                       const char                   *address,
                                       guint                         port,
                                       SoupServerWebsocketCallback   callback,
                                       gpointer                      user_data,
                                       GError                      **error);

G_END_DECLS
