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
-- Name: flyway_schema_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.flyway_schema_history (
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

INSERT INTO public.api_keys VALUES ('d65dffd2396c0d5cafc05ca3bc461563e1450288f603256cd6e0d1fe87f56051', 'local', '2026-12-06 16:50:38.162015+00');


--
-- Data for Name: edge_kv_links; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: event_journal; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.event_journal VALUES (1, 'Link|localhost/legacy0', 1, false, '6eb536fc-6347-404b-bd03-700a4048f60c', 1796575846674, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465676c656761637930656f776e6572656c6f63616c6873657474696e6773bf66746172676574781c68747470733a2f2f6578616d706c652e636f6d2f6c65676163792f306c72656469726563745479706519012e69657870697265734174f6657469746c65f6647461677381666c65676163796c666f72776172645175657279f4ff626174781b323032362d31322d30365431363a35303a34362e3634303039305aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (2, 'Link|localhost/legacy1', 1, false, '642aab2a-c365-4f38-b63c-1d42e65e7040', 1796575846934, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465676c656761637931656f776e6572656c6f63616c6873657474696e6773bf66746172676574781c68747470733a2f2f6578616d706c652e636f6d2f6c65676163792f316c72656469726563745479706519012e69657870697265734174f6657469746c65f6647461677381666c65676163796c666f72776172645175657279f4ff626174781b323032362d31322d30365431363a35303a34362e3933333833355aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (3, 'Link|localhost/legacy2', 1, false, '8039c404-2d72-41b1-9ba8-9cde48c93445', 1796575846967, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465676c656761637932656f776e6572656c6f63616c6873657474696e6773bf66746172676574781c68747470733a2f2f6578616d706c652e636f6d2f6c65676163792f326c72656469726563745479706519012e69657870697265734174f6657469746c65f6647461677381666c65676163796c666f72776172645175657279f4ff626174781b323032362d31322d30365431363a35303a34362e3936363535325aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (4, 'Link|localhost/legacy3', 1, false, 'f0cd4707-5ec8-4621-a878-2a1d80f9aebe', 1796575847004, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465676c656761637933656f776e6572656c6f63616c6873657474696e6773bf66746172676574781c68747470733a2f2f6578616d706c652e636f6d2f6c65676163792f336c72656469726563745479706519012e69657870697265734174f6657469746c65f6647461677381666c65676163796c666f72776172645175657279f4ff626174781b323032362d31322d30365431363a35303a34372e3030333331315aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (5, 'Link|localhost/legacy4', 1, false, '6b835339-846e-4992-a040-eac023d2c910', 1796575847040, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465676c656761637934656f776e6572656c6f63616c6873657474696e6773bf66746172676574781c68747470733a2f2f6578616d706c652e636f6d2f6c65676163792f346c72656469726563745479706519012e69657870697265734174f6657469746c65f6647461677381666c65676163796c666f72776172645175657279f4ff626174781b323032362d31322d30365431363a35303a34372e3034303136365aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (6, 'Link|localhost/legacy5', 1, false, 'cfe0d168-4990-4525-a3d3-f80f56833381', 1796575847137, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465676c656761637935656f776e6572656c6f63616c6873657474696e6773bf66746172676574781c68747470733a2f2f6578616d706c652e636f6d2f6c65676163792f356c72656469726563745479706519012e69657870697265734174f6657469746c65f6647461677381666c65676163796c666f72776172645175657279f4ff626174781b323032362d31322d30365431363a35303a34372e3133373033305aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (7, 'Link|localhost/NslOoos', 1, false, 'dd840da0-959a-4007-968a-1dc5bb5edc52', 1796575847195, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465674e736c4f6f6f73656f776e6572656c6f63616c6873657474696e6773bf66746172676574781f68747470733a2f2f6578616d706c652e6f72672f67656e6572617465642f306c72656469726563745479706519012e69657870697265734174f6657469746c65f66474616773806c666f72776172645175657279f4ff626174781b323032362d31322d30365431363a35303a34372e3139343337375aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (8, 'Link|localhost/JeB0LBk', 1, false, '81cc303b-8878-40ed-bb70-cc9479255525', 1796575847263, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465674a6542304c426b656f776e6572656c6f63616c6873657474696e6773bf66746172676574781f68747470733a2f2f6578616d706c652e6f72672f67656e6572617465642f316c72656469726563745479706519012e69657870697265734174f6657469746c65f66474616773806c666f72776172645175657279f4ff626174781b323032362d31322d30365431363a35303a34372e3236333231375aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (9, 'Link|localhost/YgktfO7', 1, false, '8dc71035-3a32-4cad-9e75-fc306e69c760', 1796575847300, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f64656759676b74664f37656f776e6572656c6f63616c6873657474696e6773bf66746172676574781f68747470733a2f2f6578616d706c652e6f72672f67656e6572617465642f326c72656469726563745479706519012e69657870697265734174f6657469746c65f66474616773806c666f72776172645175657279f4ff626174781b323032362d31322d30365431363a35303a34372e3239393634395aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (10, 'Link|localhost/n9fdMrD', 1, false, '2a975c02-16c7-4d54-a323-cd27a71f884d', 1796575847339, '', 33, 'dev.smo1.link.LinkEvent$LinkCreated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465676e3966644d7244656f776e6572656c6f63616c6873657474696e6773bf66746172676574781f68747470733a2f2f6578616d706c652e6f72672f67656e6572617465642f336c72656469726563745479706519012e69657870697265734174f6657469746c65f66474616773806c666f72776172645175657279f4ff626174781b323032362d31322d30365431363a35303a34372e3333383739305aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (11, 'Link|localhost/legacy1', 2, false, '642aab2a-c365-4f38-b63c-1d42e65e7040', 1796575847367, '', 33, 'dev.smo1.link.LinkEvent$LinkUpdated', '\xbf66646f6d61696e696c6f63616c686f737464636f6465676c6567616379316873657474696e6773bf66746172676574782468747470733a2f2f6578616d706c652e636f6d2f6c65676163792f312f6368616e6765646c72656469726563745479706519012e69657870697265734174f6657469746c65f6647461677381666c65676163796c666f72776172645175657279f4ff626174781b323032362d31322d30365431363a35303a34372e3336333935315aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (12, 'Link|localhost/legacy2', 2, false, '8039c404-2d72-41b1-9ba8-9cde48c93445', 1796575847399, '', 33, 'dev.smo1.link.LinkEvent$LinkDisabled', '\xbf66646f6d61696e696c6f63616c686f737464636f6465676c656761637932626174781b323032362d31322d30365431363a35303a34372e3339373533385aff', NULL, NULL, NULL);
INSERT INTO public.event_journal VALUES (13, 'Link|localhost/legacy3', 2, false, 'f0cd4707-5ec8-4621-a878-2a1d80f9aebe', 1796575847424, '', 33, 'dev.smo1.link.LinkEvent$LinkDeleted', '\xbf66646f6d61696e696c6f63616c686f737464636f6465676c656761637933626174781b323032362d31322d30365431363a35303a34372e3432323039345aff', NULL, NULL, NULL);


--
-- Data for Name: event_tag; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.event_tag VALUES (1, 'link-3');
INSERT INTO public.event_tag VALUES (2, 'link-4');
INSERT INTO public.event_tag VALUES (3, 'link-5');
INSERT INTO public.event_tag VALUES (4, 'link-6');
INSERT INTO public.event_tag VALUES (5, 'link-7');
INSERT INTO public.event_tag VALUES (6, 'link-0');
INSERT INTO public.event_tag VALUES (7, 'link-7');
INSERT INTO public.event_tag VALUES (8, 'link-0');
INSERT INTO public.event_tag VALUES (9, 'link-3');
INSERT INTO public.event_tag VALUES (10, 'link-2');
INSERT INTO public.event_tag VALUES (11, 'link-4');
INSERT INTO public.event_tag VALUES (12, 'link-5');
INSERT INTO public.event_tag VALUES (13, 'link-6');


--
-- Data for Name: flyway_schema_history; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.flyway_schema_history VALUES (1, '1', 'journal', 'SQL', 'V1__journal.sql', 1056900920, 'postgres', '2026-12-06 16:50:33.943081', 55, true);
INSERT INTO public.flyway_schema_history VALUES (2, '2', 'api keys', 'SQL', 'V2__api_keys.sql', 975501261, 'postgres', '2026-12-06 16:50:34.04609', 9, true);
INSERT INTO public.flyway_schema_history VALUES (3, '3', 'projection offsets', 'SQL', 'V3__projection_offsets.sql', 620120210, 'postgres', '2026-12-06 16:50:34.073359', 10, true);
INSERT INTO public.flyway_schema_history VALUES (4, '4', 'links read model', 'SQL', 'V4__links_read_model.sql', -1396093682, 'postgres', '2026-12-06 16:50:34.09573', 19, true);
INSERT INTO public.flyway_schema_history VALUES (5, '5', 'links forward query', 'SQL', 'V5__links_forward_query.sql', 1819501919, 'postgres', '2026-12-06 16:50:34.129562', 5, true);
INSERT INTO public.flyway_schema_history VALUES (6, '6', 'edge kv mirror', 'SQL', 'V6__edge_kv_mirror.sql', -116396497, 'postgres', '2026-12-06 16:50:34.147882', 5, true);


--
-- Data for Name: links; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.links VALUES ('localhost', 'legacy0', 'local', 'https://example.com/legacy/0', 302, NULL, NULL, '{legacy}', 'active', '2026-12-06 16:50:46.64009+00', '2026-12-06 16:50:46.64009+00', 1, false);
INSERT INTO public.links VALUES ('localhost', 'legacy4', 'local', 'https://example.com/legacy/4', 302, NULL, NULL, '{legacy}', 'active', '2026-12-06 16:50:47.040166+00', '2026-12-06 16:50:47.040166+00', 1, false);
INSERT INTO public.links VALUES ('localhost', 'NslOoos', 'local', 'https://example.org/generated/0', 302, NULL, NULL, '{}', 'active', '2026-12-06 16:50:47.194377+00', '2026-12-06 16:50:47.194377+00', 1, false);
INSERT INTO public.links VALUES ('localhost', 'legacy5', 'local', 'https://example.com/legacy/5', 302, NULL, NULL, '{legacy}', 'active', '2026-12-06 16:50:47.13703+00', '2026-12-06 16:50:47.13703+00', 1, false);
INSERT INTO public.links VALUES ('localhost', 'n9fdMrD', 'local', 'https://example.org/generated/3', 302, NULL, NULL, '{}', 'active', '2026-12-06 16:50:47.33879+00', '2026-12-06 16:50:47.33879+00', 1, false);
INSERT INTO public.links VALUES ('localhost', 'legacy3', 'local', 'https://example.com/legacy/3', 302, NULL, NULL, '{legacy}', 'deleted', '2026-12-06 16:50:47.003311+00', '2026-12-06 16:50:47.422094+00', 2, false);
INSERT INTO public.links VALUES ('localhost', 'JeB0LBk', 'local', 'https://example.org/generated/1', 302, NULL, NULL, '{}', 'active', '2026-12-06 16:50:47.263217+00', '2026-12-06 16:50:47.263217+00', 1, false);
INSERT INTO public.links VALUES ('localhost', 'legacy2', 'local', 'https://example.com/legacy/2', 302, NULL, NULL, '{legacy}', 'disabled', '2026-12-06 16:50:46.966552+00', '2026-12-06 16:50:47.397538+00', 2, false);
INSERT INTO public.links VALUES ('localhost', 'YgktfO7', 'local', 'https://example.org/generated/2', 302, NULL, NULL, '{}', 'active', '2026-12-06 16:50:47.299649+00', '2026-12-06 16:50:47.299649+00', 1, false);
INSERT INTO public.links VALUES ('localhost', 'legacy1', 'local', 'https://example.com/legacy/1/changed', 302, NULL, NULL, '{legacy}', 'active', '2026-12-06 16:50:46.933835+00', '2026-12-06 16:50:47.363951+00', 2, false);


--
-- Data for Name: pekko_projection_management; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: pekko_projection_offset_store; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.pekko_projection_offset_store VALUES ('links-read-model', 'link-7', '7', 'SEQ', false, 1796575847320);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-read-model', 'link-2', '10', 'SEQ', false, 1796575847496);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-read-model', 'link-6', '13', 'SEQ', false, 1796575847536);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-read-model', 'link-0', '8', 'SEQ', false, 1796575847556);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-read-model', 'link-5', '12', 'SEQ', false, 1796575847597);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-read-model', 'link-4', '11', 'SEQ', false, 1796575847598);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-read-model', 'link-3', '9', 'SEQ', false, 1796575847597);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-redis-cache', 'link-0', '8', 'SEQ', false, 1796575847706);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-redis-cache', 'link-4', '11', 'SEQ', false, 1796575847716);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-redis-cache', 'link-3', '9', 'SEQ', false, 1796575847717);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-redis-cache', 'link-7', '7', 'SEQ', false, 1796575847717);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-redis-cache', 'link-2', '10', 'SEQ', false, 1796575847721);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-redis-cache', 'link-6', '13', 'SEQ', false, 1796575847718);
INSERT INTO public.pekko_projection_offset_store VALUES ('links-redis-cache', 'link-5', '12', 'SEQ', false, 1796575848006);


--
-- Data for Name: snapshot; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Name: event_journal_ordering_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.event_journal_ordering_seq', 13, true);


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
-- Name: flyway_schema_history flyway_schema_history_pk; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.flyway_schema_history
    ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);


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
-- Name: flyway_schema_history_s_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX flyway_schema_history_s_idx ON public.flyway_schema_history USING btree (success);


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


