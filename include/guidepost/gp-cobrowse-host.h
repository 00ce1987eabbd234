/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <guidepost/gp-session.h>
#include <guidepost/gp-cobrowse-protocol.h>
#include <guidepost/gp-cobrowse-peer-info.h>

G_BEGIN_DECLS

/* The agent's side of co-browsing: the authority over one session.  Peers join with a
 * one-time code, the agent admits or refuses them (::peer-knocking), their requests are
 * checked against their role and turned into session actions, and every event the
 * session applies is sent to every admitted peer in seq order (docs/protocol.md).
 * In a training session the trainer can also open a classroom: trainees join as
 * observers with a reusable classroom code, and the trainer hands the driving to one
 * of them at a time.
 *
 * Signals:
 *  ::peer-knocking (GpCobrowsePeerInfo *info): a peer gave the right code; answer with
 *      gp_cobrowse_host_answer_knock(), now or later.
 *  ::peer-left (GpCobrowsePeerInfo *info): a knocking peer went away before an answer.
 *  ::consent-requested (guint id, const char *action, GpCobrowsePeerInfo *from): a
 *      customer asks to take over or hand back; answer with gp_cobrowse_host_answer_consent().
 *  ::consent-answered (const char *action, gboolean granted): the customer answered the
 *      take-over or hand-back this side asked for with gp_cobrowse_host_perform().
 *  ::pointer (const char *step, const char *element, GpCobrowsePeerInfo *from): a
 *      remote agent or trainer points at an element.
 * Properties: code (nullable), classroom-code (nullable), uri (nullable), session, n-peers,
 * relay-registered. */

#define GP_TYPE_COBROWSE_HOST (gp_cobrowse_host_get_type ())

G_DECLARE_FINAL_TYPE (GpCobrowseHost, gp_cobrowse_host, GP, COBROWSE_HOST, GObject)

GpCobrowseHost *gp_cobrowse_host_new             (GpSession       *session);
GpSession      *gp_cobrowse_host_get_session     (GpCobrowseHost  *self);
/* Serve wss:// with @certificate (see g_tls_certificate_new_from_files()); call before
 * listening.  Needs glib-networking at run time. */
void            gp_cobrowse_host_set_tls_certificate (GpCobrowseHost  *self,
                                                      GTlsCertificate *certificate);
/* Listens on @address (NULL: 127.0.0.1, loopback only) and @port (0: any free port).
 * Returns: FALSE with a GP_COBROWSE_ERROR_FAILED when it cannot listen */
gboolean        gp_cobrowse_host_listen          (GpCobrowseHost  *self,
                                                  const char      *address,
                                                  guint            port,
                                                  GError         **error);
/* Returns: (nullable): "ws://127.0.0.1:PORT/guidepost" once listening; the address to
 * give the customer with the code */
const char     *gp_cobrowse_host_get_uri         (GpCobrowseHost  *self);
/* Returns: (transfer full): every address the host can be reached at, the one of
 * gp_cobrowse_host_get_uri() first: listening on every interface (0.0.0.0), one per
 * network address of this computer; empty before listening */
GStrv           gp_cobrowse_host_dup_uris        (GpCobrowseHost  *self);
guint           gp_cobrowse_host_get_port        (GpCobrowseHost  *self);
/* Also (or only) reachable through a relay: keeps connections registered in a new room
 * of the relay at @relay_uri ("ws://HOST:PORT" or "wss://..."), with @accepted: (nullable)
 * as the relay's certificate when it is self-signed.  Returns: FALSE for a bad address */
gboolean        gp_cobrowse_host_connect_relay   (GpCobrowseHost  *self,
                                                  const char      *relay_uri,
                                                  GTlsCertificate *accepted,
                                                  GError         **error);
/* Returns: (nullable): the room's address to give the customer with the code */
const char     *gp_cobrowse_host_get_relay_uri   (GpCobrowseHost  *self);
/* Returns: TRUE once the relay has accepted a connection of this host, so the room exists
 * there and the address is worth giving out (notified as relay-registered) */
gboolean        gp_cobrowse_host_get_relay_registered (GpCobrowseHost *self);
/* Makes a new join code (the old one stops working): single use, valid for 20 minutes,
 * burned after 5 wrong attempts.  Returns: (transfer none): the code */
const char     *gp_cobrowse_host_new_code        (GpCobrowseHost  *self);
/* Returns: (nullable): the current code, NULL once used, expired or burned */
const char     *gp_cobrowse_host_get_code        (GpCobrowseHost  *self);
void            gp_cobrowse_host_answer_knock    (GpCobrowseHost     *self,
                                                  GpCobrowsePeerInfo *info,
                                                  gboolean            admit);
/* Returns: (transfer none): the admitted peers (element-type GpCobrowsePeerInfo) */
GListModel     *gp_cobrowse_host_get_peers       (GpCobrowseHost  *self);
/* The agent at the host asks for @action ("next", "choose" ..., see docs/protocol.md)
 * with @args (nullable), under the same rules as a remote agent.  "take-over" and
 * "hand-back" only ask the customer: the answer comes as ::consent-answered.
 * Returns: FALSE with a GP_COBROWSE_ERROR or GP_SESSION_ERROR when refused */
gboolean        gp_cobrowse_host_perform         (GpCobrowseHost  *self,
                                                  const char      *action,
                                                  JsonObject      *args,
                                                  GError         **error);
void            gp_cobrowse_host_answer_consent  (GpCobrowseHost  *self,
                                                  guint            id,
                                                  gboolean         granted);
/* Training classroom (issue 6, point 3).  Opens a classroom for up to @max_trainees
 * trainees (at most GP_COBROWSE_MAX_TRAINEES) and makes its code (replacing an earlier
 * classroom code): reusable by any number of trainees, for the observer role only, who
 * are admitted without a knock (GpCobrowsePeerInfo:trainee); valid until closed, or 20
 * minutes after it was last used (opened, or a trainee admitted); burned after 5 wrong
 * attempts.  The join code keeps working beside it for the other roles.
 * Returns: (transfer none) (nullable): the classroom code; NULL with
 * GP_SESSION_ERROR_NOT_ALLOWED when the session is not in training mode */
const char     *gp_cobrowse_host_open_classroom  (GpCobrowseHost  *self,
                                                  guint            max_trainees,
                                                  GError         **error);
/* Returns: (nullable): the classroom code, NULL when closed, expired or burned */
const char     *gp_cobrowse_host_get_classroom_code (GpCobrowseHost *self);
/* No more trainees join with the code; the trainees already in stay. */
void            gp_cobrowse_host_close_classroom (GpCobrowseHost  *self);
/* Records driving-handed (by the trainer) for @trainee, a connected trainee of this
 * classroom: its requests are checked as the agent's from then on, until
 * gp_cobrowse_host_take_back_driving(), which records driving-taken-back.  A trainee who
 * drives and disconnects has the driving taken back at once (recorded too).
 * Returns: FALSE with GP_SESSION_ERROR_NOT_ALLOWED outside training mode,
 * GP_SESSION_ERROR_ALREADY_DONE while another trainee drives, GP_COBROWSE_ERROR_BAD_REQUEST
 * for a peer that is not a trainee, GP_COBROWSE_ERROR_NO_COUNTERPART when it is not connected */
gboolean        gp_cobrowse_host_hand_driving    (GpCobrowseHost      *self,
                                                  GpCobrowsePeerInfo  *trainee,
                                                  GError             **error);
/* Returns: FALSE with GP_SESSION_ERROR_NOT_ALLOWED when no trainee drives */
gboolean        gp_cobrowse_host_take_back_driving (GpCobrowseHost  *self,
                                                    GError         **error);
/* Says goodbye to every peer and stops listening (a trainee who drives hands the driving
 * back first, recorded).  Safe to call twice. */
void            gp_cobrowse_host_close           (GpCobrowseHost  *self);

G_END_DECLS
