/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gp-cobrowse-private.h"

G_BEGIN_DECLS

/* Shared by gp-cobrowse-host.c (connections, joining), gp-cobrowse-host-actions.c (the
 * authority: roles, actions, driving, pointing), gp-cobrowse-host-relay.c and
 * gp-cobrowse-host-classroom.c (trainees and their driving). */

#define TOKEN_LENGTH 26
#define SWEEP_INTERVAL_MS 1000
#define MAX_NAME_LENGTH 64

typedef enum {
  CONNECTION_NEW,       /* no hello yet */
  CONNECTION_KNOCKING,  /* right code, waiting for the agent */
  CONNECTION_ADMITTED,  /* welcomed: receives events */
} ConnectionState;

typedef struct {
  GpCobrowseHost          *host;
  SoupWebsocketConnection *connection;
  GpCobrowsePeerInfo      *info;
  ConnectionState          state;
  gboolean                 closing;
  gint64                   last_heard;
  double                   tokens;
  gint64                   tokens_at;
  guint                    overflow;
  guint64                  since;
  char                    *since_session;
  gboolean                 relay_idle;   /* registered at a relay, no peer yet */
} Connection;

typedef struct {
  guint             id;
  GpCobrowseAction  action;
  GpActor           requester_actor;
  GpActor           new_driver;
  gboolean          ask_customer;  /* who must answer: the customer side, or the agent side */
  Connection       *requester;     /* NULL: the agent at the host */
  JsonNode         *request_id;
  guint             timeout_id;
} Consent;

/* A question about driving nobody answers is withdrawn after this long. */
#define CONSENT_TIMEOUT_S 60

struct _GpCobrowseHost
{
  GObject              parent_instance;

  GpSession           *session;
  gulong               applied_id;
  SoupServer          *server;
  GTlsCertificate     *certificate;
  char                *uri;
  guint                port;
  GPtrArray           *connections;     /* Connection*, all of them */
  GListStore          *peers;           /* admitted GpCobrowsePeerInfo */
  GHashTable          *tokens;          /* GpCobrowsePeerInfo* → token */
  GHashTable          *attached;        /* GpCobrowsePeerInfo* → Connection* */
  GHashTable          *seen_ids;        /* GpCobrowsePeerInfo* → set of request ids */

  char                *code;
  gint64               code_created;
  guint                code_failures;
  gint64               next_attempt;

  /* The classroom: trainees join with its code, one at a time may drive. */
  char                *classroom_code;
  gint64               classroom_used;   /* opened, or a trainee last admitted */
  guint                classroom_failures;
  guint                classroom_max;
  GHashTable          *seated;           /* trainees holding a seat (owned refs) */
  GpCobrowsePeerInfo  *driving;          /* the trainee handed the driving (owned) */
  GpCobrowsePeerInfo  *handing;          /* whom the driving-handed being recorded is for */

  GpCobrowseClockFunc  clock;
  gpointer             clock_data;
  guint                max_peers;
  double               rate;
  guint                burst;
  gint64               attempt_interval;
  gint64               dead_after;
  guint                sweep_id;

  Consent             *consent;
  guint                next_consent_id;
  gboolean             closed;

  /* Through a relay: idle connections registered in a room, one per next peer. */
  SoupSession         *relay_soup;
  char                *relay_base;
  char                *relay_uri;
  char                *room;
  char                *room_key;
  GTlsCertificate     *relay_certificate;
  guint                relay_pending;    /* idle and connecting */
  guint                relay_retry_id;
  guint                relay_backoff_ms;
  gboolean             relay_registered; /* the relay accepted a connection: the room exists */
};

enum { PEER_KNOCKING, PEER_LEFT, CONSENT_REQUESTED, CONSENT_ANSWERED, POINTER, N_SIGNALS };
extern guint gp_cobrowse_host_signals[N_SIGNALS];

gint64      gp_cobrowse_host_now              (GpCobrowseHost *self);
void        gp_cobrowse_host_send_message     (Connection     *c,
                                               JsonObject     *message);
void        gp_cobrowse_host_send_result      (Connection     *c,
                                               JsonNode       *id,
                                               const GError   *error);
void        gp_cobrowse_host_send_to_admitted (GpCobrowseHost *self,
                                               Connection     *except,
                                               const char     *text);
void        gp_cobrowse_host_consent_free     (Consent        *consent);
Connection *gp_cobrowse_host_add_connection   (GpCobrowseHost          *self,
                                               SoupWebsocketConnection *connection);
gboolean    gp_cobrowse_host_sweep            (gpointer        user_data);
/* The authority: checks @action_name against @role and carries it out.  @from: (nullable):
 * NULL for the agent at the host.  *@deferred: the result is sent later (consent). */
gboolean    gp_cobrowse_host_perform_as       (GpCobrowseHost  *self,
                                               GpCobrowseRole   role,
                                               Connection      *from,
                                               JsonNode        *request_id,
                                               const char      *action_name,
                                               JsonObject      *args,
                                               gboolean        *deferred,
                                               GError         **error);
/* The answer to the open question about driving; @from: (nullable): the agent at the host. */
gboolean    gp_cobrowse_host_answer_consent_as (GpCobrowseHost  *self,
                                                Connection      *from,
                                                GpCobrowseRole   role,
                                                guint            id,
                                                gboolean         granted,
                                                GError         **error);
/* Withdraws the open question about driving (as declined, with @reason) when nobody
 * is left to answer it; @force: withdraw in any case. */
void        gp_cobrowse_host_withdraw_consent (GpCobrowseHost *self,
                                               gboolean        force,
                                               const char     *reason);
/* Through a relay: keeps idle connections registered; retries later after a failure. */
void        gp_cobrowse_host_relay_fill       (GpCobrowseHost *self);
void        gp_cobrowse_host_relay_retry      (GpCobrowseHost *self);


enum { PROP_0, PROP_SESSION, PROP_CODE, PROP_CLASSROOM_CODE, PROP_URI, PROP_N_PEERS, PROP_RELAY_REGISTERED, GP_COBROWSE_HOST_N_PROPS };
extern GParamSpec *gp_cobrowse_host_properties[GP_COBROWSE_HOST_N_PROPS];

/* Shared by gp-cobrowse-host.c (connections, requests) and gp-cobrowse-host-join.c. */
gboolean gp_cobrowse_host_take_token (GpCobrowseHost *self, Connection *c);
void gp_cobrowse_host_handle_hello (GpCobrowseHost *self, Connection *c, JsonObject *message);
JsonNode *gp_cobrowse_host_flow_to_json_for (GpFlow *flow, gboolean customer);
void gp_cobrowse_host_close_connection (Connection *c, gushort code, const char *reason);
JsonNode *gp_cobrowse_host_event_to_json_for (GpEvent *event, gboolean customer);
gboolean gp_cobrowse_host_customer_view (Connection *c);
/* Sends refused with @code and @reason, then closes (1008). */
void gp_cobrowse_host_refuse (Connection *c, GpCobrowseError code, const char *reason);
/* Admits the peer of @c (its info set): a token, the peers list, the welcome. */
void gp_cobrowse_host_admit (GpCobrowseHost *self, Connection *c);
/* A peer's name as shown: valid UTF-8, at most MAX_NAME_LENGTH characters. */
char *gp_cobrowse_host_clean_name (const char *name);

/* The classroom (gp-cobrowse-host-classroom.c). */
/* Forgets the classroom code once it was not used for GP_COBROWSE_CODE_LIFETIME_US. */
void gp_cobrowse_host_expire_classroom (GpCobrowseHost *self);
/* Counts a wrong code attempt against the classroom code: burned after too many. */
void gp_cobrowse_host_classroom_failure (GpCobrowseHost *self);
/* Joins @c, whose hello had the classroom code: admitted at once, or refused. */
void gp_cobrowse_host_join_classroom (GpCobrowseHost *self, Connection *c, GpCobrowseRole role,
                                      const char *name);
/* The role @info's requests are checked as: the agent's for the trainee who drives. */
GpCobrowseRole gp_cobrowse_host_acting_role (GpCobrowseHost *self, GpCobrowsePeerInfo *info);
/* FALSE with NOT_DRIVING or FORBIDDEN when @info is a trainee who may not ask for
 * @action now; TRUE for every other peer. */
gboolean gp_cobrowse_host_trainee_may (GpCobrowseHost *self, GpCobrowsePeerInfo *info,
                                       GpCobrowseAction action, GError **error);
/* After driving-handed or driving-taken-back was applied: who drives, told to the trainees. */
void gp_cobrowse_host_driving_changed (GpCobrowseHost *self, GpEvent *event);
/* @c sent bye: a trainee gives up its seat and its token. */
void gp_cobrowse_host_trainee_bye (GpCobrowseHost *self, Connection *c);
/* @c's connection is gone: a trainee who drove and has no other connection hands back. */
void gp_cobrowse_host_trainee_detached (GpCobrowseHost *self, Connection *c);
/* The host ends co-browsing: the driving goes back to the trainer. */
void gp_cobrowse_host_end_classroom (GpCobrowseHost *self);

G_END_DECLS
