--
-- PostgreSQL database dump
--


-- Dumped from database version 14.15
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: public; Type: SCHEMA; Schema: -; Owner: -
--

-- *not* creating schema, since initdb creates it


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: api_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_keys (
    key_hash character(64) NOT NULL,
    owner character varying(128) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: edge_kv_links; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.edge_kv_links (
    kv_key character varying(320) NOT NULL,
    domain character varying(253) NOT NULL,
    code character varying(64) NOT NULL,
    version bigint NOT NULL,
    status character varying(16) NOT NULL,
    target character varying(2048) NOT NULL,
    redirect_type smallint NOT NULL,
    expires_at timestamp with time zone,
    forward_query boolean NOT NULL,
    CONSTRAINT edge_kv_links_status_check CHECK (((status)::text = ANY ((ARRAY['active'::character varying, 'disabled'::character varying, 'deleted'::character varying])::text[])))
);


--
-- Name: event_journal; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event_journal (
    ordering bigint NOT NULL,
    persistence_id character varying(255) NOT NULL,
    sequence_number bigint NOT NULL,
    deleted boolean DEFAULT false NOT NULL,
    writer character varying(255) NOT NULL,
    write_timestamp bigint,
    adapter_manifest character varying(255),
    event_ser_id integer NOT NULL,
    event_ser_manifest character varying(255) NOT NULL,
    event_payload bytea NOT NULL,
    meta_ser_id integer,
    meta_ser_manifest character varying(255),
    meta_payload bytea
);


--
-- Name: event_journal_ordering_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.event_journal_ordering_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: event_journal_ordering_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.event_journal_ordering_seq OWNED BY public.event_journal.ordering;


--
-- Name: event_tag; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event_tag (
    event_id bigint NOT NULL,
    tag character varying(256) NOT NULL
);


--
-- Name: flyway_schema_history_auth; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.flyway_schema_history_auth (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);


--
-- Name: flyway_schema_history_journal; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.flyway_schema_history_journal (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);


--
-- Name: flyway_schema_history_projections; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.flyway_schema_history_projections (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);


--
-- Name: links; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.links (
    domain character varying(253) NOT NULL,
    code character varying(64) NOT NULL,
    owner character varying(128) NOT NULL,
    target character varying(2048) NOT NULL,
    redirect_type smallint NOT NULL,
    expires_at timestamp with time zone,
    title character varying(256),
    tags text[] NOT NULL,
    status character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    version bigint NOT NULL,
    forward_query boolean DEFAULT false NOT NULL,
    CONSTRAINT links_status_check CHECK (((status)::text = ANY ((ARRAY['active'::character varying, 'disabled'::character varying, 'deleted'::character varying])::text[])))
);


--
-- Name: pekko_projection_management; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.pekko_projection_management (
    projection_name character varying(255) NOT NULL,
    projection_key character varying(255) NOT NULL,
    paused boolean NOT NULL,
    last_updated bigint NOT NULL
);


--
-- Name: pekko_projection_offset_store; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.pekko_projection_offset_store (
    projection_name character varying(255) NOT NULL,
    projection_key character varying(255) NOT NULL,
    current_offset character varying(255) NOT NULL,
    manifest character varying(4) NOT NULL,
    mergeable boolean NOT NULL,
    last_updated bigint NOT NULL
);


--
-- Name: snapshot; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.snapshot (
    persistence_id character varying(255) NOT NULL,
    sequence_number bigint NOT NULL,
    created bigint NOT NULL,
    snapshot_ser_id integer NOT NULL,
    snapshot_ser_manifest character varying(255) NOT NULL,
    snapshot_payload bytea NOT NULL,
    meta_ser_id integer,
    meta_ser_manifest character varying(255),
    meta_payload bytea
);


--
-- Name: event_journal ordering; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_journal ALTER COLUMN ordering SET DEFAULT nextval('public.event_journal_ordering_seq'::regclass);


--
-- Data for Name: api_keys; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.api_keys VALUES ('38376a1ecc5d3cf488e06e174588e8f1d06c6dbf81a90b154281de07dff4d416', 'local', '2026-12-06 19:33:09.541129+00');
INSERT INTO public.api_keys VALUES ('d03fc8b8b592a4753155c461cce5407e89aa0da9d911f6c6a128dc084a0a2147', 'acme', '2026-12-06 19:33:24.136134+00');


--
-- Data for Name: edge_kv_links; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: event_journal; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.event_journal VALUES (1, 'Link|localhost/local0', 1, false, '83386145-2113-421c-bca3-a9bef149b05c', 1796585607371, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465666c6f63616c30656f776e6572656c6f63616c6873657474696e6773bf66746172676574781b68747470733a2f2f6578616d706c652e636f6d2f6c6f63616c2f306c72656469726563745479706519012e69657870697265734174f6657469746c65f6647461677381656c6f63616c6c666f72776172645175657279f4ff626174781b323032362d31322d30365431393a33333a32372e3136353938395aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (2, 'Link|localhost/local1', 1, false, '46ebb482-2a6c-452d-ad8e-ed43d089bf66', 1796585608444, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465666c6f63616c31656f776e6572656c6f63616c6873657474696e6773bf66746172676574781b68747470733a2f2f6578616d706c652e636f6d2f6c6f63616c2f316c72656469726563745479706519012e69657870697265734174f6657469746c65f6647461677381656c6f63616c6c666f72776172645175657279f4ff626174781b323032362d31322d30365431393a33333a32382e3434333330355aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (3, 'Link|localhost/local2', 1, false, 'e64c30b4-98d2-41c8-a080-7dbbb355e1f1', 1796585608483, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465666c6f63616c32656f776e6572656c6f63616c6873657474696e6773bf66746172676574781b68747470733a2f2f6578616d706c652e636f6d2f6c6f63616c2f326c72656469726563745479706519012e69657870697265734174f6657469746c65f6647461677381656c6f63616c6c666f72776172645175657279f4ff626174781b323032362d31322d30365431393a33333a32382e3438323535395aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (4, 'Link|localhost/local3', 1, false, '76e617a5-16b3-42e8-b046-62a08a747946', 1796585608523, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465666c6f63616c33656f776e6572656c6f63616c6873657474696e6773bf66746172676574781b68747470733a2f2f6578616d706c652e636f6d2f6c6f63616c2f336c72656469726563745479706519012e69657870697265734174f6657469746c65f6647461677381656c6f63616c6c666f72776172645175657279f4ff626174781b323032362d31322d30365431393a33333a32382e3532333138355aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (5, 'Link|localhost/wFDVMDo', 1, false, '4a991d14-ce4c-499d-be0f-c11b8035b1f4', 1796585608566, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f646567774644564d446f656f776e6572656c6f63616c6873657474696e6773bf66746172676574782568747470733a2f2f6578616d706c652e6f72672f6c6f63616c2f67656e6572617465642f306c72656469726563745479706519012e69657870697265734174f6657469746c65f66474616773806c666f72776172645175657279f4ff626174781b323032362d31322d30365431393a33333a32382e3536353933335aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (6, 'Link|localhost/tIRlLBC', 1, false, '4fe0ff33-3334-425d-b111-cc2d93d1146b', 1796585608649, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465677449526c4c4243656f776e6572656c6f63616c6873657474696e6773bf66746172676574782568747470733a2f2f6578616d706c652e6f72672f6c6f63616c2f67656e6572617465642f316c72656469726563745479706519012e69657870697265734174f6657469746c65f66474616773806c666f72776172645175657279f4ff626174781b323032362d31322d30365431393a33333a32382e3634363937355aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (7, 'Link|localhost/local1', 2, false, '46ebb482-2a6c-452d-ad8e-ed43d089bf66', 1796585608718, '', 33, 'dev.smo1.link.LinkEvent$LinkUpdated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465666c6f63616c316873657474696e6773bf66746172676574782368747470733a2f2f6578616d706c652e636f6d2f6c6f63616c2f312f6368616e6765646c72656469726563745479706519012e69657870697265734174f6657469746c65f6647461677381656c6f63616c6c666f72776172645175657279f4ff626174781b323032362d31322d30365431393a33333a32382e3730383732325aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (8, 'Link|localhost/local2', 2, false, 'e64c30b4-98d2-41c8-a080-7dbbb355e1f1', 1796585608775, '', 33, 'dev.smo1.link.LinkEvent$LinkDisabled', '\xbf66646f6d61696e696c6f63616c686f737464636f6465666c6f63616c32626174781b323032362d31322d30365431393a33333a32382e3737323433345aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (9, 'Link|localhost/local3', 2, false, '76e617a5-16b3-42e8-b046-62a08a747946', 1796585608817, '', 33, 'dev.smo1.link.LinkEvent$LinkDeleted', '\xbf66646f6d61696e696c6f63616c686f737464636f6465666c6f63616c33626174781b323032362d31322d30365431393a33333a32382e3831343937395aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (10, 'Link|localhost/acme0', 1, false, 'af334635-9eb2-4c34-90f9-0605e7fbfedb', 1796585608960, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f64656561636d6530656f776e65726461636d656873657474696e6773bf66746172676574781a68747470733a2f2f6578616d706c652e636f6d2f61636d652f306c72656469726563745479706519012e69657870697265734174f6657469746c65f66474616773816461636d656c666f72776172645175657279f4ff626174781b323032362d31322d30365431393a33333a32382e3935393432305aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (11, 'Link|localhost/acme1', 1, false, '43284531-4bfe-4daf-9e60-2f216642dbea', 1796585609014, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f64656561636d6531656f776e65726461636d656873657474696e6773bf66746172676574781a68747470733a2f2f6578616d706c652e636f6d2f61636d652f316c72656469726563745479706519012e69657870697265734174f6657469746c65f66474616773816461636d656c666f72776172645175657279f4ff626174781b323032362d31322d30365431393a33333a32392e3031313636355aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (12, 'Link|localhost/acme2', 1, false, 'bb69ec27-0cd4-44c7-9a68-23080dfc37ca', 1796585609059, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f64656561636d6532656f776e65726461636d656873657474696e6773bf66746172676574781a68747470733a2f2f6578616d706c652e636f6d2f61636d652f326c72656469726563745479706519012e69657870697265734174f6657469746c65f66474616773816461636d656c666f72776172645175657279f4ff626174781b323032362d31322d30365431393a33333a32392e3035373933335aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (13, 'Link|localhost/acme3', 1, false, 'c2efdc6b-72cf-4e9d-820a-88a92364e9df', 1796585609144, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f64656561636d6533656f776e65726461636d656873657474696e6773bf66746172676574781a68747470733a2f2f6578616d706c652e636f6d2f61636d652f336c72656469726563745479706519012e69657870697265734174f6657469746c65f66474616773816461636d656c666f72776172645175657279f4ff626174781b323032362d31322d30365431393a33333a32392e3134333838385aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (14, 'Link|localhost/pVXY1DX', 1, false, '42366216-24c5-4369-9604-3927ce1991cd', 1796585609209, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f64656770565859314458656f776e65726461636d656873657474696e6773bf66746172676574782468747470733a2f2f6578616d706c652e6f72672f61636d652f67656e6572617465642f306c72656469726563745479706519012e69657870697265734174f6657469746c65f66474616773806c666f72776172645175657279f4ff626174781b323032362d31322d30365431393a33333a32392e3230393430395aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (15, 'Link|localhost/sGKLQAJ', 1, false, '9307f0f7-7d85-4cb8-b398-29e5ca845d59', 1796585609239, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f64656773474b4c51414a656f776e65726461636d656873657474696e6773bf66746172676574782468747470733a2f2f6578616d706c652e6f72672f61636d652f67656e6572617465642f316c72656469726563745479706519012e69657870697265734174f6657469746c65f66474616773806c666f72776172645175657279f4ff626174781b323032362d31322d30365431393a33333a32392e3233383436325aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (16, 'Link|localhost/acme1', 2, false, '43284531-4bfe-4daf-9e60-2f216642dbea', 1796585609265, '', 33, 'dev.smo1.link.LinkEvent$LinkUpdated', '\xbf66646f6d61696e696c6f63616c686f737464636f64656561636d65316873657474696e6773bf66746172676574782268747470733a2f2f6578616d706c652e636f6d2f61636d652f312f6368616e6765646c72656469726563745479706519012e69657870697265734174f6657469746c65f66474616773816461636d656c666f72776172645175657279f4ff626174781b323032362d31322d30365431393a33333a32392e3236343533375aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (17, 'Link|localhost/acme2', 2, false, 'bb69ec27-0cd4-44c7-9a68-23080dfc37ca', 1796585609302, '', 33, 'dev.smo1.link.LinkEvent$LinkDisabled', '\xbf66646f6d61696e696c6f63616c686f737464636f64656561636d6532626174781b323032362d31322d30365431393a33333a32392e3330323038395aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (18, 'Link|localhost/acme3', 2, false, 'c2efdc6b-72cf-4e9d-820a-88a92364e9df', 1796585609327, '', 33, 'dev.smo1.link.LinkEvent$LinkDeleted', '\xbf66646f6d61696e696c6f63616c686f737464636f64656561636d6533626174781b323032362d31322d30365431393a33333a32392e3332363838375aff', NULL, NULL, NULL);


--
-- Data for Name: event_tag; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.event_tag VALUES (1, 'link-1');
INSERT INTO public.event_tag VALUES (2, 'link-2');
INSERT INTO public.event_tag VALUES (3, 'link-3');
INSERT INTO public.event_tag VALUES (4, 'link-4');
INSERT INTO public.event_tag VALUES (5, 'link-3');
INSERT INTO public.event_tag VALUES (6, 'link-2');
INSERT INTO public.event_tag VALUES (7, 'link-2');
INSERT INTO public.event_tag VALUES (8, 'link-3');
INSERT INTO public.event_tag VALUES (9, 'link-4');
INSERT INTO public.event_tag VALUES (10, 'link-2');
INSERT INTO public.event_tag VALUES (11, 'link-3');
INSERT INTO public.event_tag VALUES (12, 'link-4');
INSERT INTO public.event_tag VALUES (13, 'link-5');
INSERT INTO public.event_tag VALUES (14, 'link-2');
INSERT INTO public.event_tag VALUES (15, 'link-1');
INSERT INTO public.event_tag VALUES (16, 'link-3');
INSERT INTO public.event_tag VALUES (17, 'link-4');
INSERT INTO public.event_tag VALUES (18, 'link-5');


--
-- Data for Name: flyway_schema_history_auth; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.flyway_schema_history_auth VALUES (1, '0', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'postgres', '2026-12-06 19:33:01.735256', 0, true);
INSERT INTO public.flyway_schema_history_auth VALUES (2, '1', 'api keys', 'SQL', 'V1__api_keys.sql', 975501261, 'postgres', '2026-12-06 19:33:01.801574', 34, true);


--
-- Data for Name: flyway_schema_history_journal; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.flyway_schema_history_journal VALUES (1, '1', 'journal', 'SQL', 'V1__journal.sql', 1056900920, 'postgres', '2026-12-06 19:33:01.007047', 50, true);


--
-- Data for Name: flyway_schema_history_projections; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.flyway_schema_history_projections VALUES (1, '0', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'postgres', '2026-12-06 19:33:01.32984', 0, true);
INSERT INTO public.flyway_schema_history_projections VALUES (2, '1', 'projection offsets', 'SQL', 'V1__projection_offsets.sql', 620120210, 'postgres', '2026-12-06 19:33:01.500078', 35, true);
INSERT INTO public.flyway_schema_history_projections VALUES (3, '2', 'links read model', 'SQL', 'V2__links_read_model.sql', -1396093682, 'postgres', '2026-12-06 19:33:01.567524', 14, true);
INSERT INTO public.flyway_schema_history_projections VALUES (4, '3', 'links forward query', 'SQL', 'V3__links_forward_query.sql', 1819501919, 'postgres', '2026-12-06 19:33:01.600609', 3, true);
INSERT INTO public.flyway_schema_history_projections VALUES (5, '4', 'edge kv mirror', 'SQL', 'V4__edge_kv_mirror.sql', -116396497, 'postgres', '2026-12-06 19:33:01.624908', 23, true);


--
-- Data for Name: links; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.links VALUES ('localhost', 'local0', 'local', 'https://example.com/local/0', 302, NULL, NULL, '{local}', 'active', '2026-12-06 19:33:27.165989+00', '2026-12-06 19:33:27.165989+00', 1, false);
INSERT INTO public.links VALUES ('localhost', 'wFDVMDo', 'local', 'https://example.org/local/generated/0', 302, NULL, NULL, '{}', 'active', '2026-12-06 19:33:28.565933+00', '2026-12-06 19:33:28.565933+00', 1, false);
INSERT INTO public.links VALUES ('localhost', 'tIRlLBC', 'local', 'https://example.org/local/generated/1', 302, NULL, NULL, '{}', 'active', '2026-12-06 19:33:28.646975+00', '2026-12-06 19:33:28.646975+00', 1, false);
INSERT INTO public.links VALUES ('localhost', 'local1', 'local', 'https://example.com/local/1/changed', 302, NULL, NULL, '{local}', 'active', '2026-12-06 19:33:28.443305+00', '2026-12-06 19:33:28.708722+00', 2, false);
INSERT INTO public.links VALUES ('localhost', 'local3', 'local', 'https://example.com/local/3', 302, NULL, NULL, '{local}', 'deleted', '2026-12-06 19:33:28.523185+00', '2026-12-06 19:33:28.814979+00', 2, false);
INSERT INTO public.links VALUES ('localhost', 'local2', 'local', 'https://example.com/local/2', 302, NULL, NULL, '{local}', 'disabled', '2026-12-06 19:33:28.482559+00', '2026-12-06 19:33:28.772434+00', 2, false);
INSERT INTO public.links VALUES ('localhost', 'acme0', 'acme', 'https://example.com/acme/0', 302, NULL, NULL, '{acme}', 'active', '2026-12-06 19:33:28.95942+00', '2026-12-06 19:33:28.95942+00', 1, false);
INSERT INTO public.links VALUES ('localhost', 'pVXY1DX', 'acme', 'https://example.org/acme/generated/0', 302, NULL, NULL, '{}', 'active', '2026-12-06 19:33:29.209409+00', '2026-12-06 19:33:29.209409+00', 1, false);
INSERT INTO public.links VALUES ('localhost', 'sGKLQAJ', 'acme', 'https://example.org/acme/generated/1', 302, NULL, NULL, '{}', 'active', '2026-12-06 19:33:29.238462+00', '2026-12-06 19:33:29.238462+00', 1, false);
INSERT INTO public.links VALUES ('localhost', 'acme1', 'acme', 'https://example.com/acme/1/changed', 302, NULL, NULL, '{acme}', 'active', '2026-12-06 19:33:29.011665+00', '2026-12-06 19:33:29.264537+00', 2, false);
INSERT INTO public.links VALUES ('localhost', 'acme3', 'acme', 'https://example.com/acme/3', 302, NULL, NULL, '{acme}', 'deleted', '2026-12-06 19:33:29.143888+00', '2026-12-06 19:33:29.326887+00', 2, false);
INSERT INTO public.links VALUES ('localhost', 'acme2', 'acme', 'https://example.com/acme/2', 302, NULL, NULL, '{acme}', 'disabled', '2026-12-06 19:33:29.057933+00', '2026-12-06 19:33:29.302089+00', 2, false);


--
-- Data for Name: pekko_projection_management; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: pekko_projection_offset_store; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.pekko_projection_offset_store VALUES ('links-read-model', 'link-2', '14', 'SEQ', false, 1796585609407);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-read-model', 'link-1', '15', 'SEQ', false, 1796585609517);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-read-model', 'link-3', '16', 'SEQ', false, 1796585609577);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-read-model', 'link-5', '18', 'SEQ', false, 1796585609601);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-read-model', 'link-4', '17', 'SEQ', false, 1796585609618);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-redis-cache', 'link-3', '16', 'SEQ', false, 1796585609778);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-redis-cache', 'link-2', '14', 'SEQ', false, 1796585609782);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-redis-cache', 'link-5', '18', 'SEQ', false, 1796585609778);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-redis-cache', 'link-4', '17', 'SEQ', false, 1796585609777);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-redis-cache', 'link-1', '15', 'SEQ', false, 1796585609785);


--
-- Data for Name: snapshot; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Name: event_journal_ordering_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.event_journal_ordering_seq', 18, true);


--
-- Name: api_keys api_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (key_hash);


--
-- Name: edge_kv_links edge_kv_links_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.edge_kv_links
    ADD CONSTRAINT edge_kv_links_pkey PRIMARY KEY (kv_key);


--
-- Name: event_journal event_journal_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_journal
    ADD CONSTRAINT event_journal_pkey PRIMARY KEY (persistence_id, sequence_number);


--
-- Name: event_tag event_tag_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_tag
    ADD CONSTRAINT event_tag_pkey PRIMARY KEY (event_id, tag);


--
-- Name: flyway_schema_history_auth flyway_schema_history_auth_pk; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.flyway_schema_history_auth
    ADD CONSTRAINT flyway_schema_history_auth_pk PRIMARY KEY (installed_rank);


--
-- Name: flyway_schema_history_journal flyway_schema_history_journal_pk; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.flyway_schema_history_journal
    ADD CONSTRAINT flyway_schema_history_journal_pk PRIMARY KEY (installed_rank);


--
-- Name: flyway_schema_history_projections flyway_schema_history_projections_pk; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.flyway_schema_history_projections
    ADD CONSTRAINT flyway_schema_history_projections_pk PRIMARY KEY (installed_rank);


--
-- Name: links links_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.links
    ADD CONSTRAINT links_pkey PRIMARY KEY (domain, code);


--
-- Name: pekko_projection_management pekko_projection_management_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pekko_projection_management
    ADD CONSTRAINT pekko_projection_management_pkey PRIMARY KEY (projection_name, projection_key);


--
-- Name: pekko_projection_offset_store pekko_projection_offset_store_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pekko_projection_offset_store
    ADD CONSTRAINT pekko_projection_offset_store_pkey PRIMARY KEY (projection_name, projection_key);


--
-- Name: snapshot snapshot_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.snapshot
    ADD CONSTRAINT snapshot_pkey PRIMARY KEY (persistence_id, sequence_number);


--
-- Name: api_keys_owner_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX api_keys_owner_idx ON public.api_keys USING btree (owner);


--
-- Name: event_journal_ordering_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX event_journal_ordering_idx ON public.event_journal USING btree (ordering);


--
-- Name: event_tag_tag_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX event_tag_tag_idx ON public.event_tag USING btree (tag, event_id);


--
-- Name: flyway_schema_history_auth_s_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX flyway_schema_history_auth_s_idx ON public.flyway_schema_history_auth USING btree (success);


--
-- Name: flyway_schema_history_journal_s_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX flyway_schema_history_journal_s_idx ON public.flyway_schema_history_journal USING btree (success);


--
-- Name: flyway_schema_history_projections_s_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX flyway_schema_history_projections_s_idx ON public.flyway_schema_history_projections USING btree (success);


--
-- Name: links_owner_newest_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX links_owner_newest_idx ON public.links USING btree (owner, domain, created_at DESC, code DESC);


--
-- Name: links_tags_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX links_tags_idx ON public.links USING gin (tags);


--
-- Name: projection_name_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projection_name_index ON public.pekko_projection_offset_store USING btree (projection_name);


--
-- Name: event_tag fk_event_journal; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_tag
    ADD CONSTRAINT fk_event_journal FOREIGN KEY (event_id) REFERENCES public.event_journal(ordering) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--


