#include "actors/query/query_sql.hpp"

#include "actors/storage/sql_time.hpp"

namespace playclock::sql {

namespace {

using sql_time::iso;

// The members of a game object (alias g), for json_build_object.
const std::string game_members =
    "'id', g.game_id, 'season', g.season, 'season_type', g.season_type, 'week', g.week,"
    " 'start_time', " +
    iso("g.start_time") +
    ", 'state', g.state, 'status_detail', g.status_detail,"
    " 'home', json_build_object('team', g.home_team, 'score', g.home_score),"
    " 'away', json_build_object('team', g.away_team, 'score', g.away_score),"
    " 'period', g.period, 'clock', g.clock, 'possession', g.possession, 'down', g.down,"
    " 'distance', g.distance, 'yard_line', g.yard_line, 'venue', g.venue, 'indoor', g.indoor,"
    " 'updated_at', " +
    iso("g.updated_at");

// A play object (alias p).
const std::string play_object =
    "json_build_object('id', p.play_id, 'sequence', p.sequence, 'drive_id', p.drive_id,"
    " 'period', p.period, 'clock', p.clock, 'team', p.team, 'type', p.play_type,"
    " 'text', p.description, 'yards', p.yards,"
    " 'start', json_build_object('down', p.start_down, 'distance', p.start_distance,"
    "  'yards_to_endzone', p.start_yard_line),"
    " 'home_score', p.home_score, 'away_score', p.away_score, 'scoring', p.scoring,"
    " 'tags', to_json(p.tags), 'stats', p.stats)";

// Games without a start time sort last.
const std::string game_key = "coalesce(g.start_time, 'infinity'::timestamptz)";

} // namespace

// $1 state ('' = any), $2 limit, $3 cursor start (epoch us, NULL = no start
// time), $4 cursor game id (NULL = first page). One row more than the page is
// read to know whether there is a next one. Returns (games, more, last key).
const named_query list_games{
    "list_games",
    "WITH page AS (SELECT g.*, row_number() OVER (ORDER BY " + game_key +
        ", g.game_id) AS n FROM games g"
        " WHERE ($1::text = '' OR g.state = $1::text) AND ($4::text IS NULL OR (" +
        game_key +
        ", g.game_id) > (coalesce('epoch'::timestamptz + $3::bigint * interval '1 microsecond',"
        " 'infinity'::timestamptz), $4::text))"
        " ORDER BY " +
        game_key +
        ", g.game_id LIMIT $2::int + 1),"
        " last AS (SELECT * FROM page WHERE n = $2::int)"
        " SELECT (SELECT coalesce(json_agg(json_build_object(" +
        game_members +
        ") ORDER BY g.n), '[]'::json) FROM page g WHERE g.n <= $2::int)::text,"
        " (SELECT count(*) FROM page) > $2::int,"
        " (SELECT (extract(epoch FROM start_time) * 1000000)::bigint FROM last),"
        " (SELECT game_id FROM last)"};

// $1 game id. No row if the game is unknown.
const named_query get_game{
    "get_game", "SELECT json_build_object(" + game_members +
                    ", 'plays_count', (SELECT count(*) FROM plays p WHERE p.game_id = g.game_id),"
                    " 'last_play', (SELECT " +
                    play_object +
                    " FROM plays p WHERE p.game_id = g.game_id"
                    " ORDER BY p.sequence DESC, p.play_id DESC LIMIT 1))::text"
                    " FROM games g WHERE g.game_id = $1::text"};

// $1 game id, $2 limit, $3 after sequence. A page never splits plays that
// share a sequence (next_after could not resume between them): it ends after
// the last of them, even past the limit. No row if the game is unknown.
const named_query list_plays{
    "list_plays",
    "WITH cut AS (SELECT max(s.sequence) AS last_seq FROM (SELECT p.sequence FROM plays p"
    " WHERE p.game_id = $1::text AND p.sequence > $3::bigint ORDER BY p.sequence"
    " LIMIT $2::int) s)"
    " SELECT json_build_object('game_id', g.game_id, 'plays', coalesce((SELECT json_agg(" +
        play_object +
        " ORDER BY p.sequence, p.play_id) FROM plays p WHERE p.game_id = g.game_id"
        " AND p.sequence > $3::bigint AND p.sequence <= cut.last_seq), '[]'::json),"
        " 'next_after', CASE WHEN EXISTS (SELECT 1 FROM plays p WHERE p.game_id = g.game_id"
        " AND p.sequence > cut.last_seq) THEN cut.last_seq END)::text"
        " FROM games g, cut WHERE g.game_id = $1::text"};

// $1 team ('' = any), $2 status ('' = any, case-insensitive), $3 limit,
// $4/$5 cursor team/player (NULL = first page). Returns (injuries, more, last key).
const named_query list_injuries{
    "list_injuries",
    "WITH page AS (SELECT i.*, row_number() OVER (ORDER BY i.team, i.player_id) AS n"
    " FROM injuries i WHERE ($1::text = '' OR i.team = $1::text)"
    " AND ($2::text = '' OR lower(i.status) = lower($2::text))"
    " AND ($4::text IS NULL OR (i.team, i.player_id) > ($4::text, $5::text))"
    " ORDER BY i.team, i.player_id LIMIT $3::int + 1),"
    " last AS (SELECT * FROM page WHERE n = $3::int)"
    " SELECT (SELECT coalesce(json_agg(json_build_object('team', i.team,"
    " 'player_id', i.player_id, 'player_name', i.player_name, 'position', i.position,"
    " 'status', i.status, 'detail', i.detail, 'game_id', i.game_id, 'reported_at', " +
        iso("i.reported_at") + ", 'updated_at', " + iso("i.updated_at") +
        ") ORDER BY i.n), '[]'::json) FROM page i WHERE i.n <= $3::int)::text,"
        " (SELECT count(*) FROM page) > $3::int,"
        " (SELECT team FROM last), (SELECT player_id FROM last)"};

} // namespace playclock::sql
