/*! ITB webchat widget. Bundles socket.io-client, engine.io-client, engine.io-parser,
 socket.io-parser (MIT, Copyright (c) 2014-present Guillermo Rauch and Socket.IO contributors)
 and @socket.io/component-emitter (MIT, Copyright (c) 2014 Component contributors). */
(()=>{var Kt=Object.defineProperty;var Wt=(s,e)=>{for(var t in e)Kt(s,t,{get:e[t],enumerable:!0})};var R=Object.create(null);R.open="0";R.close="1";R.ping="2";R.pong="3";R.message="4";R.upgrade="5";R.noop="6";var G=Object.create(null);Object.keys(R).forEach(s=>{G[R[s]]=s});var Z={type:"error",data:"parser error"};var Ge=typeof Blob=="function"||typeof Blob<"u"&&Object.prototype.toString.call(Blob)==="[object BlobConstructor]",Ze=typeof ArrayBuffer=="function",et=s=>typeof ArrayBuffer.isView=="function"?ArrayBuffer.isView(s):s&&s.buffer instanceof ArrayBuffer,ee=({type:s,data:e},t,n)=>Ge&&e instanceof Blob?t?n(e):je(e,n):Ze&&(e instanceof ArrayBuffer||et(e))?t?n(e):je(new Blob([e]),n):n(R[s]+(e||"")),je=(s,e)=>{let t=new FileReader;return t.onload=function(){let n=t.result.split(",")[1];e("b"+(n||""))},t.readAsDataURL(s)};function Qe(s){return s instanceof Uint8Array?s:s instanceof ArrayBuffer?new Uint8Array(s):new Uint8Array(s.buffer,s.byteOffset,s.byteLength)}var Oe;function tt(s,e){if(Ge&&s.data instanceof Blob)return s.data.arrayBuffer().then(Qe).then(e);if(Ze&&(s.data instanceof ArrayBuffer||et(s.data)))return e(Qe(s.data));ee(s,!1,t=>{Oe||(Oe=new TextEncoder),e(Oe.encode(t))})}var st="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",te=typeof Uint8Array>"u"?[]:new Uint8Array(256);for(let s=0;s<st.length;s++)te[st.charCodeAt(s)]=s;var nt=s=>{let e=s.length*.75,t=s.length,n,i=0,r,a,c,u;s[s.length-1]==="="&&(e--,s[s.length-2]==="="&&e--);let _=new ArrayBuffer(e),w=new Uint8Array(_);for(n=0;n<t;n+=4)r=te[s.charCodeAt(n)],a=te[s.charCodeAt(n+1)],c=te[s.charCodeAt(n+2)],u=te[s.charCodeAt(n+3)],w[i++]=r<<2|a>>4,w[i++]=(a&15)<<4|c>>2,w[i++]=(c&3)<<6|u&63;return _};var Yt=typeof ArrayBuffer=="function",se=(s,e)=>{if(typeof s!="string")return{type:"message",data:it(s,e)};let t=s.charAt(0);return t==="b"?{type:"message",data:Jt(s.substring(1),e)}:G[t]?s.length>1?{type:G[t],data:s.substring(1)}:{type:G[t]}:Z},Jt=(s,e)=>{if(Yt){let t=nt(s);return it(t,e)}else return{base64:!0,data:s}},it=(s,e)=>e==="blob"?s instanceof Blob?s:new Blob([s]):s instanceof ArrayBuffer?s:s.buffer;var rt="",ot=(s,e)=>{let t=s.length,n=new Array(t),i=0;s.forEach((r,a)=>{ee(r,!1,c=>{n[a]=c,++i===t&&e(n.join(rt))})})},at=(s,e)=>{let t=s.split(rt),n=[];for(let i=0;i<t.length;i++){let r=se(t[i],e);if(n.push(r),r.type==="error")break}return n};function ct(){return new TransformStream({transform(s,e){tt(s,t=>{let n=t.length,i;if(n<126)i=new Uint8Array(1),new DataView(i.buffer).setUint8(0,n);else if(n<65536){i=new Uint8Array(3);let r=new DataView(i.buffer);r.setUint8(0,126),r.setUint16(1,n)}else{i=new Uint8Array(9);let r=new DataView(i.buffer);r.setUint8(0,127),r.setBigUint64(1,BigInt(n))}s.data&&typeof s.data!="string"&&(i[0]|=128),e.enqueue(i),e.enqueue(t)})}})}var Ne;function ue(s){return s.reduce((e,t)=>e+t.length,0)}function pe(s,e){if(s[0].length===e)return s.shift();let t=new Uint8Array(e),n=0;for(let i=0;i<e;i++)t[i]=s[0][n++],n===s[0].length&&(s.shift(),n=0);return s.length&&n<s[0].length&&(s[0]=s[0].slice(n)),t}function ht(s,e){Ne||(Ne=new TextDecoder);let t=[],n=0,i=-1,r=!1;return new TransformStream({transform(a,c){for(t.push(a);;){if(n===0){if(ue(t)<1)break;let u=pe(t,1);r=(u[0]&128)===128,i=u[0]&127,i<126?n=3:i===126?n=1:n=2}else if(n===1){if(ue(t)<2)break;let u=pe(t,2);i=new DataView(u.buffer,u.byteOffset,u.length).getUint16(0),n=3}else if(n===2){if(ue(t)<8)break;let u=pe(t,8),_=new DataView(u.buffer,u.byteOffset,u.length),w=_.getUint32(0);if(w>Math.pow(2,21)-1){c.enqueue(Z);break}i=w*Math.pow(2,32)+_.getUint32(4),n=3}else{if(ue(t)<i)break;let u=pe(t,i);c.enqueue(se(r?u:Ne.decode(u),e)),n=0}if(i===0||i>s){c.enqueue(Z);break}}}})}var Be=4;function b(s){if(s)return Xt(s)}function Xt(s){for(var e in b.prototype)s[e]=b.prototype[e];return s}b.prototype.on=b.prototype.addEventListener=function(s,e){return this._callbacks=this._callbacks||{},(this._callbacks["$"+s]=this._callbacks["$"+s]||[]).push(e),this};b.prototype.once=function(s,e){function t(){this.off(s,t),e.apply(this,arguments)}return t.fn=e,this.on(s,t),this};b.prototype.off=b.prototype.removeListener=b.prototype.removeAllListeners=b.prototype.removeEventListener=function(s,e){if(this._callbacks=this._callbacks||{},arguments.length==0)return this._callbacks={},this;var t=this._callbacks["$"+s];if(!t)return this;if(arguments.length==1)return delete this._callbacks["$"+s],this;for(var n,i=0;i<t.length;i++)if(n=t[i],n===e||n.fn===e){t.splice(i,1);break}return t.length===0&&delete this._callbacks["$"+s],this};b.prototype.emit=function(s){this._callbacks=this._callbacks||{};for(var e=new Array(arguments.length-1),t=this._callbacks["$"+s],n=1;n<arguments.length;n++)e[n-1]=arguments[n];if(t){t=t.slice(0);for(var n=0,i=t.length;n<i;++n)t[n].apply(this,e)}return this};b.prototype.emitReserved=b.prototype.emit;b.prototype.listeners=function(s){return this._callbacks=this._callbacks||{},this._callbacks["$"+s]||[]};b.prototype.hasListeners=function(s){return!!this.listeners(s).length};var N=typeof Promise=="function"&&typeof Promise.resolve=="function"?e=>Promise.resolve().then(e):(e,t)=>t(e,0),T=typeof self<"u"?self:typeof window<"u"?window:Function("return this")(),lt="arraybuffer";function de(s,...e){return e.reduce((t,n)=>(s.hasOwnProperty(n)&&(t[n]=s[n]),t),{})}var $t=T.setTimeout,jt=T.clearTimeout;function B(s,e){e.useNativeTimers?(s.setTimeoutFn=$t.bind(T),s.clearTimeoutFn=jt.bind(T)):(s.setTimeoutFn=T.setTimeout.bind(T),s.clearTimeoutFn=T.clearTimeout.bind(T))}var Qt=1.33;function ft(s){return typeof s=="string"?Gt(s):Math.ceil((s.byteLength||s.size)*Qt)}function Gt(s){let e=0,t=0;for(let n=0,i=s.length;n<i;n++)e=s.charCodeAt(n),e<128?t+=1:e<2048?t+=2:e<55296||e>=57344?t+=3:(n++,t+=4);return t}function me(){return Date.now().toString(36).substring(3)+Math.random().toString(36).substring(2,5)}function ut(s){let e="";for(let t in s)s.hasOwnProperty(t)&&(e.length&&(e+="&"),e+=encodeURIComponent(t)+"="+encodeURIComponent(s[t]));return e}function pt(s){let e={},t=s.split("&");for(let n=0,i=t.length;n<i;n++){let r=t[n].split("=");e[decodeURIComponent(r[0])]=decodeURIComponent(r.slice(1).join("="))}return e}var ge=class extends Error{constructor(e,t,n){super(e),this.description=t,this.context=n,this.type="TransportError"}},L=class extends b{constructor(e){super(),this.writable=!1,B(this,e),this.opts=e,this.query=e.query,this.socket=e.socket,this.supportsBinary=!e.forceBase64}onError(e,t,n){return super.emitReserved("error",new ge(e,t,n)),this}open(){return this.readyState="opening",this.doOpen(),this}close(){return(this.readyState==="opening"||this.readyState==="open")&&(this.doClose(),this.onClose()),this}send(e){this.readyState==="open"&&this.write(e)}onOpen(){this.readyState="open",this.writable=!0,super.emitReserved("open")}onData(e){let t=se(e,this.socket.binaryType);this.onPacket(t)}onPacket(e){super.emitReserved("packet",e)}onClose(e){this.readyState="closed",super.emitReserved("close",e)}pause(e){}createUri(e,t={}){return e+"://"+this._hostname()+this._port()+this.opts.path+this._query(t)}_hostname(){let e=this.opts.hostname;return e.indexOf(":")===-1?e:"["+e+"]"}_port(){return this.opts.port&&(this.opts.secure&&Number(this.opts.port)!==443||!this.opts.secure&&Number(this.opts.port)!==80)?":"+this.opts.port:""}_query(e){let t=ut(e);return t.length?"?"+t:""}};var ne=class extends L{constructor(){super(...arguments),this._polling=!1}get name(){return"polling"}doOpen(){this._poll()}pause(e){this.readyState="pausing";let t=()=>{this.readyState="paused",e()};if(this._polling||!this.writable){let n=0;this._polling&&(n++,this.once("pollComplete",function(){--n||t()})),this.writable||(n++,this.once("drain",function(){--n||t()}))}else t()}_poll(){this._polling=!0,this.doPoll(),this.emitReserved("poll")}onData(e){let t=n=>{if(this.readyState==="opening"&&n.type==="open"&&this.onOpen(),n.type==="close")return this.onClose({description:"transport closed by the server"}),!1;this.onPacket(n)};at(e,this.socket.binaryType).forEach(t),this.readyState!=="closed"&&(this._polling=!1,this.emitReserved("pollComplete"),this.readyState==="open"&&this._poll())}doClose(){let e=()=>{this.write([{type:"close"}])};this.readyState==="open"?e():this.once("open",e)}write(e){this.writable=!1,ot(e,t=>{this.doWrite(t,()=>{this.writable=!0,this.emitReserved("drain")})})}uri(){let e=this.opts.secure?"https":"http",t=this.query||{};return this.opts.timestampRequests!==!1&&(t[this.opts.timestampParam]=me()),!this.supportsBinary&&!t.sid&&(t.b64=1),this.createUri(e,t)}};var dt=!1;try{dt=typeof XMLHttpRequest<"u"&&"withCredentials"in new XMLHttpRequest}catch{}var mt=dt;function Zt(){}var Le=class extends ne{constructor(e){if(super(e),typeof location<"u"){let t=location.protocol==="https:",n=location.port;n||(n=t?"443":"80"),this.xd=typeof location<"u"&&e.hostname!==location.hostname||n!==e.port}}doWrite(e,t){let n=this.request({method:"POST",data:e});n.on("success",t),n.on("error",(i,r)=>{this.onError("xhr post error",i,r)})}doPoll(){let e=this.request();e.on("data",this.onData.bind(this)),e.on("error",(t,n)=>{this.onError("xhr poll error",t,n)}),this.pollXhr=e}},q=class s extends b{constructor(e,t,n){super(),this.createRequest=e,B(this,n),this._opts=n,this._method=n.method||"GET",this._uri=t,this._data=n.data!==void 0?n.data:null,this._create()}_create(){var e;let t=de(this._opts,"agent","pfx","key","passphrase","cert","ca","ciphers","rejectUnauthorized","autoUnref");t.xdomain=!!this._opts.xd;let n=this._xhr=this.createRequest(t);try{n.open(this._method,this._uri,!0);try{if(this._opts.extraHeaders){n.setDisableHeaderCheck&&n.setDisableHeaderCheck(!0);for(let i in this._opts.extraHeaders)this._opts.extraHeaders.hasOwnProperty(i)&&n.setRequestHeader(i,this._opts.extraHeaders[i])}}catch{}if(this._method==="POST")try{n.setRequestHeader("Content-type","text/plain;charset=UTF-8")}catch{}try{n.setRequestHeader("Accept","*/*")}catch{}(e=this._opts.cookieJar)===null||e===void 0||e.addCookies(n),"withCredentials"in n&&(n.withCredentials=this._opts.withCredentials),this._opts.requestTimeout&&(n.timeout=this._opts.requestTimeout),n.onreadystatechange=()=>{var i;n.readyState===3&&((i=this._opts.cookieJar)===null||i===void 0||i.parseCookies(n.getResponseHeader("set-cookie"))),n.readyState===4&&(n.status===200||n.status===1223?this._onLoad():this.setTimeoutFn(()=>{this._onError(typeof n.status=="number"?n.status:0)},0))},n.send(this._data)}catch(i){this.setTimeoutFn(()=>{this._onError(i)},0);return}typeof document<"u"&&(this._index=s.requestsCount++,s.requests[this._index]=this)}_onError(e){this.emitReserved("error",e,this._xhr),this._cleanup(!0)}_cleanup(e){if(!(typeof this._xhr>"u"||this._xhr===null)){if(this._xhr.onreadystatechange=Zt,e)try{this._xhr.abort()}catch{}typeof document<"u"&&delete s.requests[this._index],this._xhr=null}}_onLoad(){let e=this._xhr.responseText;e!==null&&(this.emitReserved("data",e),this.emitReserved("success"),this._cleanup())}abort(){this._cleanup()}};q.requestsCount=0;q.requests={};if(typeof document<"u"){if(typeof attachEvent=="function")attachEvent("onunload",gt);else if(typeof addEventListener=="function"){let s="onpagehide"in T?"pagehide":"unload";addEventListener(s,gt,!1)}}function gt(){for(let s in q.requests)q.requests.hasOwnProperty(s)&&q.requests[s].abort()}var es=(function(){let s=yt({xdomain:!1});return s&&s.responseType!==null})(),I=class extends Le{constructor(e){super(e);let t=e&&e.forceBase64;this.supportsBinary=es&&!t}request(e={}){return Object.assign(e,{xd:this.xd},this.opts),new q(yt,this.uri(),e)}};function yt(s){let e=s.xdomain;try{if(typeof XMLHttpRequest<"u"&&(!e||mt))return new XMLHttpRequest}catch{}if(!e)try{return new T[["Active"].concat("Object").join("X")]("Microsoft.XMLHTTP")}catch{}}var bt=typeof navigator<"u"&&typeof navigator.product=="string"&&navigator.product.toLowerCase()==="reactnative",qe=class extends L{get name(){return"websocket"}doOpen(){let e=this.uri(),t=this.opts.protocols,n=bt?{}:de(this.opts,"agent","perMessageDeflate","pfx","key","passphrase","cert","ca","ciphers","rejectUnauthorized","localAddress","protocolVersion","origin","maxPayload","family","checkServerIdentity");this.opts.extraHeaders&&(n.headers=this.opts.extraHeaders);try{this.ws=this.createSocket(e,t,n)}catch(i){return this.emitReserved("error",i)}this.ws.binaryType=this.socket.binaryType,this.addEventListeners()}addEventListeners(){this.ws.onopen=()=>{this.opts.autoUnref&&this.ws._socket.unref(),this.onOpen()},this.ws.onclose=e=>this.onClose({description:"websocket connection closed",context:e}),this.ws.onmessage=e=>this.onData(e.data),this.ws.onerror=e=>this.onError("websocket error",e)}write(e){this.writable=!1;for(let t=0;t<e.length;t++){let n=e[t],i=t===e.length-1;ee(n,this.supportsBinary,r=>{try{this.doWrite(n,r)}catch{}i&&N(()=>{this.writable=!0,this.emitReserved("drain")},this.setTimeoutFn)})}}doClose(){typeof this.ws<"u"&&(this.ws.onerror=()=>{},this.ws.close(),this.ws=null)}uri(){let e=this.opts.secure?"wss":"ws",t=this.query||{};return this.opts.timestampRequests&&(t[this.opts.timestampParam]=me()),this.supportsBinary||(t.b64=1),this.createUri(e,t)}},Pe=T.WebSocket||T.MozWebSocket,D=class extends qe{createSocket(e,t,n){return bt?new Pe(e,t,n):t?new Pe(e,t):new Pe(e)}doWrite(e,t){this.ws.send(t)}};var H=class extends L{get name(){return"webtransport"}doOpen(){try{this._transport=new WebTransport(this.createUri("https"),this.opts.transportOptions[this.name])}catch(e){return this.emitReserved("error",e)}this._transport.closed.then(()=>{this.onClose()}).catch(e=>{this.onError("webtransport error",e)}),this._transport.ready.then(()=>{this._transport.createBidirectionalStream().then(e=>{let t=ht(Number.MAX_SAFE_INTEGER,this.socket.binaryType),n=e.readable.pipeThrough(t).getReader(),i=ct();i.readable.pipeTo(e.writable),this._writer=i.writable.getWriter();let r=()=>{n.read().then(({done:c,value:u})=>{c||(this.onPacket(u),r())}).catch(c=>{})};r();let a={type:"open"};this.query.sid&&(a.data=`{"sid":"${this.query.sid}"}`),this._writer.write(a).then(()=>this.onOpen())})})}write(e){this.writable=!1;for(let t=0;t<e.length;t++){let n=e[t],i=t===e.length-1;this._writer.write(n).then(()=>{i&&N(()=>{this.writable=!0,this.emitReserved("drain")},this.setTimeoutFn)})}}doClose(){var e;(e=this._transport)===null||e===void 0||e.close()}};var Ie={websocket:D,webtransport:H,polling:I};var ts=/^(?:(?![^:@\/?#]+:[^:@\/]*@)(http|https|ws|wss):\/\/)?((?:(([^:@\/?#]*)(?::([^:@\/?#]*))?)?@)?((?:[a-f0-9]{0,4}:){2,7}[a-f0-9]{0,4}|[^:\/?#]*)(?::(\d*))?)(((\/(?:[^?#](?![^?#\/]*\.[^?#\/.]+(?:[?#]|$)))*\/?)?([^?#\/]*))(?:\?([^#]*))?(?:#(.*))?)/,ss=["source","protocol","authority","userInfo","user","password","host","port","relative","path","directory","file","query","anchor"];function K(s){if(s.length>8e3)throw"URI too long";let e=s,t=s.indexOf("["),n=s.indexOf("]");t!=-1&&n!=-1&&(s=s.substring(0,t)+s.substring(t,n).replace(/:/g,";")+s.substring(n,s.length));let i=ts.exec(s||""),r={},a=14;for(;a--;)r[ss[a]]=i[a]||"";return t!=-1&&n!=-1&&(r.source=e,r.host=r.host.substring(1,r.host.length-1).replace(/;/g,":"),r.authority=r.authority.replace("[","").replace("]","").replace(/;/g,":"),r.ipv6uri=!0),r.pathNames=ns(r,r.path),r.queryKey=is(r,r.query),r}function ns(s,e){let t=/\/{2,9}/g,n=e.replace(t,"/").split("/");return(e.slice(0,1)=="/"||e.length===0)&&n.splice(0,1),e.slice(-1)=="/"&&n.splice(n.length-1,1),n}function is(s,e){let t={};return e.replace(/(?:^|&)([^&=]*)=?([^&]*)/g,function(n,i,r){i&&(t[i]=r)}),t}var De=typeof addEventListener=="function"&&typeof removeEventListener=="function",ye=[];De&&addEventListener("offline",()=>{ye.forEach(s=>s())},!1);var F=class s extends b{constructor(e,t={}){var n,i;if(super(),this.binaryType=lt,this.writeBuffer=[],this._prevBufferLen=0,this._upgrades=[],this._pingInterval=-1,this._pingTimeout=-1,this._maxPayload=-1,this._pingTimeoutTime=1/0,e&&typeof e=="object"&&(t=e,e=null),e){let r=K(e);t.hostname=r.host,t.secure=r.protocol==="https"||r.protocol==="wss",t.port=r.port,r.query&&(t.query=r.query)}else t.host&&(t.hostname=K(t.host).host);if(B(this,t),this.secure=t.secure!=null?t.secure:typeof location<"u"&&location.protocol==="https:",t.hostname&&!t.port&&(t.port=this.secure?"443":"80"),this.hostname=t.hostname||(typeof location<"u"?location.hostname:"localhost"),this.port=t.port||(typeof location<"u"&&location.port?location.port:this.secure?"443":"80"),t.transportImplementations&&t.transports)throw new Error("specifying both 'transportImplementations' and 'transports' options is not supported");t.transportImplementations||!((n=t.transports)===null||n===void 0)&&n.length&&typeof t.transports[0]=="function"?(this.transports=[],this._transportsByName=Object.create(null),((i=t.transportImplementations)!==null&&i!==void 0?i:t.transports).forEach(r=>{let a=r.prototype.name;this.transports.push(a),this._transportsByName[a]=r})):(this.transports=t.transports?[...t.transports]:["polling","websocket","webtransport"],this._transportsByName=Ie),this.opts=Object.assign({path:"/engine.io",agent:!1,withCredentials:!1,upgrade:!0,timestampParam:"t",rememberUpgrade:!1,addTrailingSlash:!0,rejectUnauthorized:!0,perMessageDeflate:{threshold:1024},transportOptions:{},closeOnBeforeunload:!1},t),this.opts.path=this.opts.path.replace(/\/$/,"")+(this.opts.addTrailingSlash?"/":""),typeof this.opts.query=="string"&&(this.opts.query=pt(this.opts.query)),De&&(this.opts.closeOnBeforeunload&&(this._beforeunloadEventListener=()=>{this.transport&&(this.transport.removeAllListeners(),this.transport.close())},addEventListener("beforeunload",this._beforeunloadEventListener,!1)),this.hostname!=="localhost"&&(this._offlineEventListener=()=>{this._onClose("transport close",{description:"network connection lost"})},ye.push(this._offlineEventListener))),this.opts.withCredentials&&(this._cookieJar=void 0),this._open()}createTransport(e){let t=Object.assign({},this.opts.query);t.EIO=Be,t.transport=e,this.id&&(t.sid=this.id);let n=Object.assign({},this.opts,{query:t,socket:this,hostname:this.hostname,secure:this.secure,port:this.port},this.opts.transportOptions[e]);return new this._transportsByName[e](n)}_open(){if(this.transports.length===0){this.setTimeoutFn(()=>{this.emitReserved("error","No transports available")},0);return}let e=this.opts.rememberUpgrade&&s.priorWebsocketSuccess&&this.transports.indexOf("websocket")!==-1?"websocket":this.transports[0];this.readyState="opening";let t=this.createTransport(e);t.open(),this.setTransport(t)}setTransport(e){this.transport&&this.transport.removeAllListeners(),this.transport=e,e.on("drain",this._onDrain.bind(this)).on("packet",this._onPacket.bind(this)).on("error",this._onError.bind(this)).on("close",t=>this._onClose("transport close",t))}_probe(e){let t=this.createTransport(e),n=!1;s.priorWebsocketSuccess=!1;let i=()=>{n||(t.send([{type:"ping",data:"probe"}]),t.once("packet",C=>{if(!n)if(C.type==="pong"&&C.data==="probe"){if(this.upgrading=!0,this.emitReserved("upgrading",t),!t)return;s.priorWebsocketSuccess=t.name==="websocket",this.transport.pause(()=>{n||this.readyState!=="closed"&&(w(),this.setTransport(t),t.send([{type:"upgrade"}]),this.emitReserved("upgrade",t),t=null,this.upgrading=!1,this.flush())})}else{let v=new Error("probe error");v.transport=t.name,this.emitReserved("upgradeError",v)}}))};function r(){n||(n=!0,w(),t.close(),t=null)}let a=C=>{let v=new Error("probe error: "+C);v.transport=t.name,r(),this.emitReserved("upgradeError",v)};function c(){a("transport closed")}function u(){a("socket closed")}function _(C){t&&C.name!==t.name&&r()}let w=()=>{t.removeListener("open",i),t.removeListener("error",a),t.removeListener("close",c),this.off("close",u),this.off("upgrading",_)};t.once("open",i),t.once("error",a),t.once("close",c),this.once("close",u),this.once("upgrading",_),this._upgrades.indexOf("webtransport")!==-1&&e!=="webtransport"?this.setTimeoutFn(()=>{n||t.open()},200):t.open()}onOpen(){if(this.readyState="open",s.priorWebsocketSuccess=this.transport.name==="websocket",this.emitReserved("open"),this.flush(),this.readyState==="open"&&this.opts.upgrade)for(let e=0;e<this._upgrades.length;e++)this._probe(this._upgrades[e])}_onPacket(e){if(this.readyState==="opening"||this.readyState==="open"||this.readyState==="closing")switch(this.emitReserved("packet",e),this.emitReserved("heartbeat"),e.type){case"open":this.onHandshake(JSON.parse(e.data));break;case"ping":this._sendPacket("pong"),this.emitReserved("ping"),this.emitReserved("pong"),this._resetPingTimeout();break;case"error":let t=new Error("server error");t.code=e.data,this._onError(t);break;case"message":this.emitReserved("data",e.data),this.emitReserved("message",e.data);break}}onHandshake(e){this.emitReserved("handshake",e),this.id=e.sid,this.transport.query.sid=e.sid,this._upgrades=this._filterUpgrades(e.upgrades),this._pingInterval=e.pingInterval,this._pingTimeout=e.pingTimeout,this._maxPayload=e.maxPayload,this.onOpen(),this.readyState!=="closed"&&this._resetPingTimeout()}_resetPingTimeout(){this.clearTimeoutFn(this._pingTimeoutTimer);let e=this._pingInterval+this._pingTimeout;this._pingTimeoutTime=Date.now()+e,this._pingTimeoutTimer=this.setTimeoutFn(()=>{this._onClose("ping timeout")},e),this.opts.autoUnref&&this._pingTimeoutTimer.unref()}_onDrain(){this.writeBuffer.splice(0,this._prevBufferLen),this._prevBufferLen=0,this.writeBuffer.length===0?this.emitReserved("drain"):this.flush()}flush(){if(this.readyState!=="closed"&&this.transport.writable&&!this.upgrading&&this.writeBuffer.length){let e=this._getWritablePackets();this.transport.send(e),this._prevBufferLen=e.length,this.emitReserved("flush")}}_getWritablePackets(){if(!(this._maxPayload&&this.transport.name==="polling"&&this.writeBuffer.length>1))return this.writeBuffer;let t=1;for(let n=0;n<this.writeBuffer.length;n++){let i=this.writeBuffer[n].data;if(i&&(t+=ft(i)),n>0&&t>this._maxPayload)return this.writeBuffer.slice(0,n);t+=2}return this.writeBuffer}_hasPingExpired(){if(!this._pingTimeoutTime)return!0;let e=Date.now()>this._pingTimeoutTime;return e&&(this._pingTimeoutTime=0,N(()=>{this._onClose("ping timeout")},this.setTimeoutFn)),e}write(e,t,n){return this._sendPacket("message",e,t,n),this}send(e,t,n){return this._sendPacket("message",e,t,n),this}_sendPacket(e,t,n,i){if(typeof t=="function"&&(i=t,t=void 0),typeof n=="function"&&(i=n,n=null),this.readyState==="closing"||this.readyState==="closed")return;n=n||{},n.compress=n.compress!==!1;let r={type:e,data:t,options:n};this.emitReserved("packetCreate",r),this.writeBuffer.push(r),i&&this.once("flush",i),this.flush()}close(){let e=()=>{this._onClose("forced close"),this.transport.close()},t=()=>{this.off("upgrade",t),this.off("upgradeError",t),e()},n=()=>{this.once("upgrade",t),this.once("upgradeError",t)};return(this.readyState==="opening"||this.readyState==="open")&&(this.readyState="closing",this.writeBuffer.length?this.once("drain",()=>{this.upgrading?n():e()}):this.upgrading?n():e()),this}_onError(e){if(s.priorWebsocketSuccess=!1,this.opts.tryAllTransports&&this.transports.length>1&&this.readyState==="opening")return this.transports.shift(),this._open();this.emitReserved("error",e),this._onClose("transport error",e)}_onClose(e,t){if(this.readyState==="opening"||this.readyState==="open"||this.readyState==="closing"){if(this.clearTimeoutFn(this._pingTimeoutTimer),this.transport.removeAllListeners("close"),this.transport.close(),this.transport.removeAllListeners(),De&&(this._beforeunloadEventListener&&removeEventListener("beforeunload",this._beforeunloadEventListener,!1),this._offlineEventListener)){let n=ye.indexOf(this._offlineEventListener);n!==-1&&ye.splice(n,1)}this.readyState="closed",this.id=null,this.emitReserved("close",e,t),this.writeBuffer=[],this._prevBufferLen=0}}_filterUpgrades(e){let t=[];for(let n=0;n<e.length;n++)~this.transports.indexOf(e[n])&&t.push(e[n]);return t}};F.protocol=Be;var qn=F.protocol;function xt(s,e="",t){let n=s;t=t||typeof location<"u"&&location,s==null&&(s=t.protocol+"//"+t.host),typeof s=="string"&&(s.charAt(0)==="/"&&(s.charAt(1)==="/"?s=t.protocol+s:s=t.host+s),/^(https?|wss?):\/\//.test(s)||(typeof t<"u"?s=t.protocol+"//"+s:s="https://"+s),n=K(s)),n.port||(/^(http|ws)$/.test(n.protocol)?n.port="80":/^(http|ws)s$/.test(n.protocol)&&(n.port="443")),n.path=n.path||"/";let r=n.host.indexOf(":")!==-1?"["+n.host+"]":n.host;return n.id=n.protocol+"://"+r+":"+n.port+e,n.href=n.protocol+"://"+r+(t&&t.port===n.port?"":":"+n.port),n}var ze={};Wt(ze,{Decoder:()=>Me,Encoder:()=>Fe,PacketType:()=>d,isPacketValid:()=>ps,protocol:()=>Et});var os=typeof ArrayBuffer=="function",as=s=>typeof ArrayBuffer.isView=="function"?ArrayBuffer.isView(s):s.buffer instanceof ArrayBuffer,_t=Object.prototype.toString,cs=typeof Blob=="function"||typeof Blob<"u"&&_t.call(Blob)==="[object BlobConstructor]",hs=typeof File=="function"||typeof File<"u"&&_t.call(File)==="[object FileConstructor]";function re(s){return os&&(s instanceof ArrayBuffer||as(s))||cs&&s instanceof Blob||hs&&s instanceof File}function ie(s,e){if(!s||typeof s!="object")return!1;if(Array.isArray(s)){for(let t=0,n=s.length;t<n;t++)if(ie(s[t]))return!0;return!1}if(re(s))return!0;if(s.toJSON&&typeof s.toJSON=="function"&&arguments.length===1)return ie(s.toJSON(),!0);for(let t in s)if(Object.prototype.hasOwnProperty.call(s,t)&&ie(s[t]))return!0;return!1}function wt(s){let e=[],t=s.data,n=s;return n.data=be(t,e),n.attachments=e.length,{packet:n,buffers:e}}function be(s,e,t){if(!s)return s;if(re(s)){let n={_placeholder:!0,num:e.length};return e.push(s),n}else if(Array.isArray(s)){let n=new Array(s.length);for(let i=0;i<s.length;i++)n[i]=be(s[i],e);return n}else if(typeof s=="object"&&!(s instanceof Date)){if(s.toJSON&&typeof s.toJSON=="function"&&!t)return be(s.toJSON(),e,!0);let n={};for(let i in s)Object.prototype.hasOwnProperty.call(s,i)&&(n[i]=be(s[i],e));return n}return s}function vt(s,e){return s.data=Ue(s.data,e),delete s.attachments,s}function Ue(s,e){if(!s)return s;if(s&&s._placeholder===!0){if(typeof s.num=="number"&&s.num>=0&&s.num<e.length)return e[s.num];throw new Error("illegal attachments")}else if(Array.isArray(s))for(let t=0;t<s.length;t++)s[t]=Ue(s[t],e);else if(typeof s=="object")for(let t in s)Object.prototype.hasOwnProperty.call(s,t)&&(s[t]=Ue(s[t],e));return s}var kt=["connect","connect_error","disconnect","disconnecting","newListener","removeListener"],Et=5,d;(function(s){s[s.CONNECT=0]="CONNECT",s[s.DISCONNECT=1]="DISCONNECT",s[s.EVENT=2]="EVENT",s[s.ACK=3]="ACK",s[s.CONNECT_ERROR=4]="CONNECT_ERROR",s[s.BINARY_EVENT=5]="BINARY_EVENT",s[s.BINARY_ACK=6]="BINARY_ACK"})(d||(d={}));var Fe=class{constructor(e){this.replacer=e}encode(e){return(e.type===d.EVENT||e.type===d.ACK)&&ie(e)?this.encodeAsBinary({type:e.type===d.EVENT?d.BINARY_EVENT:d.BINARY_ACK,nsp:e.nsp,data:e.data,id:e.id}):[this.encodeAsString(e)]}encodeAsString(e){let t=""+e.type;return(e.type===d.BINARY_EVENT||e.type===d.BINARY_ACK)&&(t+=e.attachments+"-"),e.nsp&&e.nsp!=="/"&&(t+=e.nsp+","),e.id!=null&&(t+=e.id),e.data!=null&&(t+=JSON.stringify(e.data,this.replacer)),t}encodeAsBinary(e){let t=wt(e),n=this.encodeAsString(t.packet),i=t.buffers;return i.unshift(n),i}},Me=class s extends b{constructor(e){super(),this.opts=Object.assign({reviver:void 0,maxAttachments:10},typeof e=="function"?{reviver:e}:e)}add(e){let t;if(typeof e=="string"){if(this.reconstructor)throw new Error("got plaintext data when reconstructing a packet");t=this.decodeString(e);let n=t.type===d.BINARY_EVENT;n||t.type===d.BINARY_ACK?(t.type=n?d.EVENT:d.ACK,this.reconstructor=new Ve(t)):super.emitReserved("decoded",t)}else if(re(e)||e.base64)if(this.reconstructor)t=this.reconstructor.takeBinaryData(e),t&&(this.reconstructor=null,super.emitReserved("decoded",t));else throw new Error("got binary data when not reconstructing a packet");else throw new Error("Unknown type: "+e)}decodeString(e){let t=0,n={type:Number(e.charAt(0))};if(d[n.type]===void 0)throw new Error("unknown packet type "+n.type);if(n.type===d.BINARY_EVENT||n.type===d.BINARY_ACK){let r=t+1;for(;e.charAt(++t)!=="-"&&t!=e.length;);let a=e.substring(r,t);if(a!=Number(a)||e.charAt(t)!=="-")throw new Error("Illegal attachments");let c=Number(a);if(!Tt(c)||c<1)throw new Error("Illegal attachments");if(c>this.opts.maxAttachments)throw new Error("too many attachments");n.attachments=c}if(e.charAt(t+1)==="/"){let r=t+1;for(;++t&&!(e.charAt(t)===","||t===e.length););n.nsp=e.substring(r,t)}else n.nsp="/";let i=e.charAt(t+1);if(i!==""&&Number(i)==i){let r=t+1;for(;++t;){let a=e.charAt(t);if(a==null||Number(a)!=a){--t;break}if(t===e.length)break}n.id=Number(e.substring(r,t+1))}if(e.charAt(++t)){let r=this.tryParse(e.substr(t));if(s.isPayloadValid(n.type,r))n.data=r;else throw new Error("invalid payload")}return n}tryParse(e){try{return JSON.parse(e,this.opts.reviver)}catch{return!1}}static isPayloadValid(e,t){switch(e){case d.CONNECT:return xe(t);case d.DISCONNECT:return t===void 0;case d.CONNECT_ERROR:return typeof t=="string"||xe(t);case d.EVENT:case d.BINARY_EVENT:return Array.isArray(t)&&(typeof t[0]=="number"||typeof t[0]=="string"&&kt.indexOf(t[0])===-1);case d.ACK:case d.BINARY_ACK:return Array.isArray(t)}}destroy(){this.reconstructor&&(this.reconstructor.finishedReconstruction(),this.reconstructor=null)}},Ve=class{constructor(e){this.packet=e,this.buffers=[],this.reconPack=e}takeBinaryData(e){if(this.buffers.push(e),this.buffers.length===this.reconPack.attachments){let t=vt(this.reconPack,this.buffers);return this.finishedReconstruction(),t}return null}finishedReconstruction(){this.reconPack=null,this.buffers=[]}};function ls(s){return typeof s=="string"}var Tt=Number.isInteger||function(s){return typeof s=="number"&&isFinite(s)&&Math.floor(s)===s};function fs(s){return s===void 0||Tt(s)}function xe(s){return Object.prototype.toString.call(s)==="[object Object]"}function us(s,e){switch(s){case d.CONNECT:return e===void 0||xe(e);case d.DISCONNECT:return e===void 0;case d.EVENT:return Array.isArray(e)&&(typeof e[0]=="number"||typeof e[0]=="string"&&kt.indexOf(e[0])===-1);case d.ACK:return Array.isArray(e);case d.CONNECT_ERROR:return typeof e=="string"||xe(e);default:return!1}}function ps(s){return ls(s.nsp)&&fs(s.id)&&us(s.type,s.data)}function A(s,e,t){return s.on(e,t),function(){s.off(e,t)}}var ds=Object.freeze({connect:1,connect_error:1,disconnect:1,disconnecting:1,newListener:1,removeListener:1}),W=class extends b{constructor(e,t,n){super(),this.connected=!1,this.recovered=!1,this.receiveBuffer=[],this.sendBuffer=[],this._queue=[],this._queueSeq=0,this.ids=0,this.acks={},this.flags={},this.io=e,this.nsp=t,n&&n.auth&&(this.auth=n.auth),this._opts=Object.assign({},n),this.io._autoConnect&&this.open()}get disconnected(){return!this.connected}subEvents(){if(this.subs)return;let e=this.io;this.subs=[A(e,"open",this.onopen.bind(this)),A(e,"packet",this.onpacket.bind(this)),A(e,"error",this.onerror.bind(this)),A(e,"close",this.onclose.bind(this))]}get active(){return!!this.subs}connect(){return this.connected?this:(this.subEvents(),this.io._reconnecting||this.io.open(),this.io._readyState==="open"&&this.onopen(),this)}open(){return this.connect()}send(...e){return e.unshift("message"),this.emit.apply(this,e),this}emit(e,...t){var n,i,r;if(ds.hasOwnProperty(e))throw new Error('"'+e.toString()+'" is a reserved event name');if(t.unshift(e),this._opts.retries&&!this.flags.fromQueue&&!this.flags.volatile)return this._addToQueue(t),this;let a={type:d.EVENT,data:t};if(a.options={},a.options.compress=this.flags.compress!==!1,typeof t[t.length-1]=="function"){let w=this.ids++,C=t.pop();this._registerAckCallback(w,C),a.id=w}let c=(i=(n=this.io.engine)===null||n===void 0?void 0:n.transport)===null||i===void 0?void 0:i.writable,u=this.connected&&!(!((r=this.io.engine)===null||r===void 0)&&r._hasPingExpired());return this.flags.volatile&&!c||(u?(this.notifyOutgoingListeners(a),this.packet(a)):this.sendBuffer.push(a)),this.flags={},this}_registerAckCallback(e,t){var n;let i=(n=this.flags.timeout)!==null&&n!==void 0?n:this._opts.ackTimeout;if(i===void 0){this.acks[e]=t;return}let r=this.io.setTimeoutFn(()=>{delete this.acks[e];for(let c=0;c<this.sendBuffer.length;c++)this.sendBuffer[c].id===e&&this.sendBuffer.splice(c,1);t.call(this,new Error("operation has timed out"))},i),a=(...c)=>{this.io.clearTimeoutFn(r),t.apply(this,c)};a.withError=!0,this.acks[e]=a}emitWithAck(e,...t){return new Promise((n,i)=>{let r=(a,c)=>a?i(a):n(c);r.withError=!0,t.push(r),this.emit(e,...t)})}_addToQueue(e){let t;typeof e[e.length-1]=="function"&&(t=e.pop());let n={id:this._queueSeq++,tryCount:0,pending:!1,args:e,flags:Object.assign({fromQueue:!0},this.flags)};e.push((i,...r)=>(this._queue[0],i!==null?n.tryCount>this._opts.retries&&(this._queue.shift(),t&&t(i)):(this._queue.shift(),t&&t(null,...r)),n.pending=!1,this._drainQueue())),this._queue.push(n),this._drainQueue()}_drainQueue(e=!1){if(!this.connected||this._queue.length===0)return;let t=this._queue[0];t.pending&&!e||(t.pending=!0,t.tryCount++,this.flags=t.flags,this.emit.apply(this,t.args))}packet(e){e.nsp=this.nsp,this.io._packet(e)}onopen(){typeof this.auth=="function"?this.auth(e=>{this._sendConnectPacket(e)}):this._sendConnectPacket(this.auth)}_sendConnectPacket(e){this.packet({type:d.CONNECT,data:this._pid?Object.assign({pid:this._pid,offset:this._lastOffset},e):e})}onerror(e){this.connected||this.emitReserved("connect_error",e)}onclose(e,t){this.connected=!1,delete this.id,this.emitReserved("disconnect",e,t),this._clearAcks()}_clearAcks(){Object.keys(this.acks).forEach(e=>{if(!this.sendBuffer.some(n=>String(n.id)===e)){let n=this.acks[e];delete this.acks[e],n.withError&&n.call(this,new Error("socket has been disconnected"))}})}onpacket(e){if(e.nsp===this.nsp)switch(e.type){case d.CONNECT:e.data&&e.data.sid?this.onconnect(e.data.sid,e.data.pid):this.emitReserved("connect_error",new Error("It seems you are trying to reach a Socket.IO server in v2.x with a v3.x client, but they are not compatible (more information here: https://socket.io/docs/v3/migrating-from-2-x-to-3-0/)"));break;case d.EVENT:case d.BINARY_EVENT:this.onevent(e);break;case d.ACK:case d.BINARY_ACK:this.onack(e);break;case d.DISCONNECT:this.ondisconnect();break;case d.CONNECT_ERROR:this.destroy();let n=new Error(e.data.message);n.data=e.data.data,this.emitReserved("connect_error",n);break}}onevent(e){let t=e.data||[];e.id!=null&&t.push(this.ack(e.id)),this.connected?this.emitEvent(t):this.receiveBuffer.push(Object.freeze(t))}emitEvent(e){if(this._anyListeners&&this._anyListeners.length){let t=this._anyListeners.slice();for(let n of t)n.apply(this,e)}super.emit.apply(this,e),this._pid&&e.length&&typeof e[e.length-1]=="string"&&(this._lastOffset=e[e.length-1])}ack(e){let t=this,n=!1;return function(...i){n||(n=!0,t.packet({type:d.ACK,id:e,data:i}))}}onack(e){let t=this.acks[e.id];typeof t=="function"&&(delete this.acks[e.id],t.withError&&e.data.unshift(null),t.apply(this,e.data))}onconnect(e,t){this.id=e,this.recovered=t&&this._pid===t,this._pid=t,this.connected=!0,this.emitBuffered(),this._drainQueue(!0),this.emitReserved("connect")}emitBuffered(){this.receiveBuffer.forEach(e=>this.emitEvent(e)),this.receiveBuffer=[],this.sendBuffer.forEach(e=>{this.notifyOutgoingListeners(e),this.packet(e)}),this.sendBuffer=[]}ondisconnect(){this.destroy(),this.onclose("io server disconnect")}destroy(){this.subs&&(this.subs.forEach(e=>e()),this.subs=void 0),this.io._destroy(this)}disconnect(){return this.connected&&this.packet({type:d.DISCONNECT}),this.destroy(),this.connected&&this.onclose("io client disconnect"),this}close(){return this.disconnect()}compress(e){return this.flags.compress=e,this}get volatile(){return this.flags.volatile=!0,this}timeout(e){return this.flags.timeout=e,this}onAny(e){return this._anyListeners=this._anyListeners||[],this._anyListeners.push(e),this}prependAny(e){return this._anyListeners=this._anyListeners||[],this._anyListeners.unshift(e),this}offAny(e){if(!this._anyListeners)return this;if(e){let t=this._anyListeners;for(let n=0;n<t.length;n++)if(e===t[n])return t.splice(n,1),this}else this._anyListeners=[];return this}listenersAny(){return this._anyListeners||[]}onAnyOutgoing(e){return this._anyOutgoingListeners=this._anyOutgoingListeners||[],this._anyOutgoingListeners.push(e),this}prependAnyOutgoing(e){return this._anyOutgoingListeners=this._anyOutgoingListeners||[],this._anyOutgoingListeners.unshift(e),this}offAnyOutgoing(e){if(!this._anyOutgoingListeners)return this;if(e){let t=this._anyOutgoingListeners;for(let n=0;n<t.length;n++)if(e===t[n])return t.splice(n,1),this}else this._anyOutgoingListeners=[];return this}listenersAnyOutgoing(){return this._anyOutgoingListeners||[]}notifyOutgoingListeners(e){if(this._anyOutgoingListeners&&this._anyOutgoingListeners.length){let t=this._anyOutgoingListeners.slice();for(let n of t)n.apply(this,e.data)}}};function M(s){s=s||{},this.ms=s.min||100,this.max=s.max||1e4,this.factor=s.factor||2,this.jitter=s.jitter>0&&s.jitter<=1?s.jitter:0,this.attempts=0}M.prototype.duration=function(){var s=this.ms*Math.pow(this.factor,this.attempts++);if(this.jitter){var e=Math.random(),t=Math.floor(e*this.jitter*s);s=(Math.floor(e*10)&1)==0?s-t:s+t}return Math.min(s,this.max)|0};M.prototype.reset=function(){this.attempts=0};M.prototype.setMin=function(s){this.ms=s};M.prototype.setMax=function(s){this.max=s};M.prototype.setJitter=function(s){this.jitter=s};var Y=class extends b{constructor(e,t){var n;super(),this.nsps={},this.subs=[],e&&typeof e=="object"&&(t=e,e=void 0),t=t||{},t.path=t.path||"/socket.io",this.opts=t,B(this,t),this.reconnection(t.reconnection!==!1),this.reconnectionAttempts(t.reconnectionAttempts||1/0),this.reconnectionDelay(t.reconnectionDelay||1e3),this.reconnectionDelayMax(t.reconnectionDelayMax||5e3),this.randomizationFactor((n=t.randomizationFactor)!==null&&n!==void 0?n:.5),this.backoff=new M({min:this.reconnectionDelay(),max:this.reconnectionDelayMax(),jitter:this.randomizationFactor()}),this.timeout(t.timeout==null?2e4:t.timeout),this._readyState="closed",this.uri=e;let i=t.parser||ze;this.encoder=new i.Encoder,this.decoder=new i.Decoder,this._autoConnect=t.autoConnect!==!1,this._autoConnect&&this.open()}reconnection(e){return arguments.length?(this._reconnection=!!e,e||(this.skipReconnect=!0),this):this._reconnection}reconnectionAttempts(e){return e===void 0?this._reconnectionAttempts:(this._reconnectionAttempts=e,this)}reconnectionDelay(e){var t;return e===void 0?this._reconnectionDelay:(this._reconnectionDelay=e,(t=this.backoff)===null||t===void 0||t.setMin(e),this)}randomizationFactor(e){var t;return e===void 0?this._randomizationFactor:(this._randomizationFactor=e,(t=this.backoff)===null||t===void 0||t.setJitter(e),this)}reconnectionDelayMax(e){var t;return e===void 0?this._reconnectionDelayMax:(this._reconnectionDelayMax=e,(t=this.backoff)===null||t===void 0||t.setMax(e),this)}timeout(e){return arguments.length?(this._timeout=e,this):this._timeout}maybeReconnectOnOpen(){!this._reconnecting&&this._reconnection&&this.backoff.attempts===0&&this.reconnect()}open(e){if(~this._readyState.indexOf("open"))return this;this.engine=new F(this.uri,this.opts);let t=this.engine,n=this;this._readyState="opening",this.skipReconnect=!1;let i=A(t,"open",function(){n.onopen(),e&&e()}),r=c=>{this.cleanup(),this._readyState="closed",this.emitReserved("error",c),e?e(c):this.maybeReconnectOnOpen()},a=A(t,"error",r);if(this._timeout!==!1){let c=this._timeout,u=this.setTimeoutFn(()=>{i(),r(new Error("timeout")),t.close()},c);this.opts.autoUnref&&u.unref(),this.subs.push(()=>{this.clearTimeoutFn(u)})}return this.subs.push(i),this.subs.push(a),this}connect(e){return this.open(e)}onopen(){this.cleanup(),this._readyState="open",this.emitReserved("open");let e=this.engine;this.subs.push(A(e,"ping",this.onping.bind(this)),A(e,"data",this.ondata.bind(this)),A(e,"error",this.onerror.bind(this)),A(e,"close",this.onclose.bind(this)),A(this.decoder,"decoded",this.ondecoded.bind(this)))}onping(){this.emitReserved("ping")}ondata(e){try{this.decoder.add(e)}catch(t){this.onclose("parse error",t)}}ondecoded(e){N(()=>{this.emitReserved("packet",e)},this.setTimeoutFn)}onerror(e){this.emitReserved("error",e)}socket(e,t){let n=this.nsps[e];return n?this._autoConnect&&!n.active&&n.connect():(n=new W(this,e,t),this.nsps[e]=n),n}_destroy(e){let t=Object.keys(this.nsps);for(let n of t)if(this.nsps[n].active)return;this._close()}_packet(e){let t=this.encoder.encode(e);for(let n=0;n<t.length;n++)this.engine.write(t[n],e.options)}cleanup(){this.subs.forEach(e=>e()),this.subs.length=0,this.decoder.destroy()}_close(){this.skipReconnect=!0,this._reconnecting=!1,this.onclose("forced close")}disconnect(){return this._close()}onclose(e,t){var n;this.cleanup(),(n=this.engine)===null||n===void 0||n.close(),this.backoff.reset(),this._readyState="closed",this.emitReserved("close",e,t),this._reconnection&&!this.skipReconnect&&this.reconnect()}reconnect(){if(this._reconnecting||this.skipReconnect)return this;let e=this;if(this.backoff.attempts>=this._reconnectionAttempts)this.backoff.reset(),this.emitReserved("reconnect_failed"),this._reconnecting=!1;else{let t=this.backoff.duration();this._reconnecting=!0;let n=this.setTimeoutFn(()=>{e.skipReconnect||(this.emitReserved("reconnect_attempt",e.backoff.attempts),!e.skipReconnect&&e.open(i=>{i?(e._reconnecting=!1,e.reconnect(),this.emitReserved("reconnect_error",i)):e.onreconnect()}))},t);this.opts.autoUnref&&n.unref(),this.subs.push(()=>{this.clearTimeoutFn(n)})}}onreconnect(){let e=this.backoff.attempts;this._reconnecting=!1,this.backoff.reset(),this.emitReserved("reconnect",e)}};var oe={};function ae(s,e){typeof s=="object"&&(e=s,s=void 0),e=e||{};let t=xt(s,e.path||"/socket.io"),n=t.source,i=t.id,r=t.path,a=oe[i]&&r in oe[i].nsps,c=e.forceNew||e["force new connection"]||e.multiplex===!1||a,u;return c?u=new Y(n,e):(oe[i]||(oe[i]=new Y(n,e)),u=oe[i]),t.query&&!e.query&&(e.query=t.queryKey),u.socket(t.path,e)}Object.assign(ae,{Manager:Y,Socket:W,io:ae,connect:ae});var He=`:host {
  all: initial;
}
.wrap {
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1a1a1a;
  -webkit-text-size-adjust: 100%;
}
*,
*::before,
*::after {
  box-sizing: border-box;
}
.sr {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}
button,
textarea {
  font: inherit;
  color: inherit;
  margin: 0;
}
button {
  cursor: pointer;
}
/* Visible focus on any background: a white ring inside a dark one. */
:focus-visible {
  outline: 3px solid #1a1a1a;
  outline-offset: 2px;
  box-shadow: 0 0 0 2px #fff;
}
.log:focus-visible {
  outline-offset: -4px;
  box-shadow: inset 0 0 0 6px #fff;
}

/* ------------------------------------------------------------ launcher */
.launcher {
  position: fixed;
  right: 16px;
  bottom: 16px;
  z-index: 2147483000;
  display: inline-flex;
  align-items: center;
  gap: 8px;
  min-height: 48px;
  padding: 10px 20px 10px 14px;
  border: 2px solid transparent;
  border-radius: 999px;
  background: var(--accent);
  color: var(--on-accent);
  font-weight: 600;
  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.28);
}
.launcher:hover {
  filter: brightness(0.92);
}
.icon,
.icon svg,
.close svg {
  display: block;
  width: 24px;
  height: 24px;
  fill: currentColor;
}

/* --------------------------------------------------------------- panel */
.panel {
  position: fixed;
  right: 16px;
  bottom: 80px;
  z-index: 2147483000;
  display: flex;
  flex-direction: column;
  width: min(400px, calc(100vw - 32px));
  height: min(640px, calc(100vh - 104px));
  background: #fff;
  border: 1px solid #c4cad3;
  border-radius: 12px;
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3);
  overflow: hidden;
  animation: itb-in 0.16s ease-out;
}
.panel[hidden] {
  display: none;
}
@keyframes itb-in {
  from {
    opacity: 0;
    transform: translateY(8px);
  }
}
.head {
  display: flex;
  align-items: center;
  gap: 8px;
  padding: 10px 8px 10px 16px;
  background: var(--accent);
  color: var(--on-accent);
}
.titles {
  flex: 1;
  min-width: 0;
}
h2 {
  margin: 0;
  font-size: 17px;
  font-weight: 700;
  line-height: 1.3;
  overflow-wrap: anywhere;
}
.sub {
  margin: 0;
  font-size: 14px;
}
.close {
  flex: none;
  display: grid;
  place-items: center;
  width: 44px;
  height: 44px;
  padding: 0;
  border: 0;
  border-radius: 8px;
  background: transparent;
}
.close:hover {
  background: rgba(255, 255, 255, 0.18);
}
.conn {
  margin: 0;
  padding: 8px 16px;
  background: #fff4d6;
  border-bottom: 1px solid #d9b84a;
  color: #3d2c00;
  font-size: 14px;
}
.conn:empty {
  display: none;
}

/* ------------------------------------------------------------ messages */
.log {
  position: relative;
  flex: 1;
  min-height: 0;
  display: flex;
  flex-direction: column;
  gap: 12px;
  padding: 16px 12px;
  overflow-y: auto;
  overscroll-behavior: contain;
}
.msg {
  display: flex;
  flex-direction: column;
  align-items: flex-start;
  flex: none;
}
.msg.user {
  align-items: flex-end;
}
.bubble {
  max-width: 88%;
  margin: 0;
  padding: 10px 14px;
  border-radius: 16px;
  white-space: pre-line;
  overflow-wrap: anywhere;
}
.line {
  display: block;
}
.line + .line {
  margin-top: 8px;
}
.bot .bubble {
  background: #eef1f5;
  border-bottom-left-radius: 4px;
  color: #1a1a1a;
}
.user .bubble {
  background: var(--accent);
  border-bottom-right-radius: 4px;
  color: var(--on-accent);
}
.bubble a {
  color: #0a4a8a;
  text-decoration: underline;
  text-underline-offset: 2px;
}
.user .bubble a {
  color: inherit;
}
.meta {
  margin: 4px 2px 0;
  font-size: 13px;
  color: #545c68;
}
.meta.failed {
  color: #a11d1d;
}
.chips {
  display: flex;
  flex-wrap: wrap;
  gap: 8px;
  margin-top: 10px;
  max-width: 100%;
}
.chip {
  min-height: 40px;
  padding: 7px 14px;
  border: 2px solid var(--accent-text);
  border-radius: 999px;
  background: #fff;
  color: var(--accent-text);
  font-size: 15px;
  font-weight: 600;
  line-height: 1.25;
  text-align: left;
}
.chip:hover {
  background: #eef1f5;
}
.feedback {
  margin: 6px 2px 0;
  font-size: 14px;
  color: #3b4350;
}
.fb-ask {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 8px;
}
.fb-btn {
  min-height: 32px;
  padding: 4px 12px;
  border: 1px solid #6b7280;
  border-radius: 6px;
  background: #fff;
  color: #1a1a1a;
  font-size: 14px;
}
.fb-btn:hover {
  background: #eef1f5;
}
.fb-form {
  display: flex;
  flex-direction: column;
  gap: 6px;
  max-width: 100%;
}
.fb-form textarea {
  width: 100%;
  box-sizing: border-box;
  padding: 6px 8px;
  border: 1px solid #6b7280;
  border-radius: 6px;
  font: inherit;
  resize: vertical;
}
.fb-row {
  display: flex;
  gap: 8px;
}
.fb-status {
  margin: 0;
}
.typing {
  display: flex;
  flex: none;
  align-self: flex-start;
  gap: 5px;
  padding: 14px 16px;
  border-radius: 16px;
  border-bottom-left-radius: 4px;
  background: #eef1f5;
}
.typing[hidden] {
  display: none;
}
.typing span {
  width: 8px;
  height: 8px;
  border-radius: 50%;
  background: #545c68;
  animation: itb-dot 1.2s infinite ease-in-out;
}
.typing span:nth-child(2) {
  animation-delay: 0.15s;
}
.typing span:nth-child(3) {
  animation-delay: 0.3s;
}
@keyframes itb-dot {
  0%,
  80%,
  100% {
    opacity: 0.35;
    transform: translateY(0);
  }
  40% {
    opacity: 1;
    transform: translateY(-3px);
  }
}

/* ------------------------------------------------------------- compose */
.actions {
  display: flex;
  gap: 8px;
  padding: 10px 12px 0;
  border-top: 1px solid #d5dae1;
}
.action {
  flex: 1;
  min-height: 40px;
  padding: 6px 10px;
  border: 1px solid #6b7482;
  border-radius: 8px;
  background: #fff;
  color: #1a1a1a;
  font-size: 15px;
  font-weight: 600;
}
.action:hover {
  background: #eef1f5;
}
.compose {
  display: flex;
  align-items: flex-end;
  gap: 8px;
  padding: 10px 12px 12px;
}
textarea {
  flex: 1;
  min-width: 0;
  min-height: 44px;
  max-height: 132px;
  padding: 10px 12px;
  border: 1px solid #6b7482;
  border-radius: 8px;
  background: #fff;
  font-size: 16px;
  line-height: 1.4;
  resize: none;
}
textarea::placeholder {
  color: #545c68;
  opacity: 1;
}
.send {
  flex: none;
  min-height: 44px;
  padding: 0 18px;
  border: 0;
  border-radius: 8px;
  background: var(--accent);
  color: var(--on-accent);
  font-weight: 700;
}
.send:hover {
  filter: brightness(0.92);
}

/* Phones, and big zoom: the chat takes the whole screen. */
@media (max-width: 480px), (max-height: 520px) {
  .panel {
    inset: 0;
    width: 100%;
    height: 100%;
    border: 0;
    border-radius: 0;
  }
  .wrap.open .launcher {
    display: none;
  }
  .launcher {
    right: 12px;
    bottom: 12px;
  }
}
@media (prefers-reduced-motion: reduce) {
  *,
  *::before,
  *::after {
    animation: none !important;
    transition: none !important;
    scroll-behavior: auto !important;
  }
  .typing span {
    opacity: 1;
  }
}
@media (forced-colors: active) {
  .bubble,
  .chip,
  .typing,
  .launcher,
  .send {
    border: 1px solid CanvasText;
  }
}
@media print {
  .wrap {
    display: none;
  }
}
`;var qt="itb-webchat",St=2e3,gs=200,ys=6e4,bs=15e3,At=500,xs="/request_human",_s="__ITB_WIDGET_TEXTS__";function ws(){try{let s=JSON.parse(_s);if(s&&typeof s=="object")return s}catch{}return{}}var ce=ws(),g=s=>String(ce.texts&&ce.texts[s]||""),vs=document.currentScript||document.querySelector('script[src*="webchat/widget.js"]');function ks(s){let e=s&&s.dataset||{},t=s&&s.src?new URL(s.src,location.href):location,n=e.suggestions?e.suggestions.split("|").map(i=>i.split("=")).filter(i=>i.length===2&&i[0].trim()&&i[1].trim()).map(([i,r])=>({title:i.trim(),payload:r.trim()})):(ce.suggestions||[]).map(i=>({title:String(i.title),payload:String(i.payload)}));return{server:e.server||t.origin,path:e.socketPath||"/webhooks/webchat/socket.io",title:e.title||g("title"),greeting:e.greeting||g("greeting"),color:e.color||"#0a58a3",phone:e.phone||ce.phone||"",tel:e.phone?e.tel||"":ce.tel||"",suggestions:n}}function Ct(s){let e=/^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(s).trim());if(!e)return null;let t=e[1].length===3?e[1].replace(/./g,"$&$&"):e[1];return[0,2,4].map(n=>parseInt(t.slice(n,n+2),16))}function Rt([s,e,t]){let n=i=>(i/=255)<=.03928?i/12.92:((i+.055)/1.055)**2.4;return .2126*n(s)+.7152*n(e)+.0722*n(t)}function Ot(s,e){let[t,n]=[Rt(s),Rt(e)].sort((i,r)=>r-i);return(t+.05)/(n+.05)}function Es(s){let e=Ct(s)||Ct("#0a58a3"),t=[255,255,255],n="#"+e.map(i=>i.toString(16).padStart(2,"0")).join("");return{accent:n,onAccent:Ot(e,t)>=4.5?"#ffffff":"#111111",accentText:Ot(e,t)>=4.5?n:"#1a1a1a"}}function f(s,e,...t){let n=document.createElement(s);for(let[i,r]of Object.entries(e||{}))r===!1||r==null||(i==="class"?n.className=r:i==="text"?n.textContent=r:i.startsWith("on")?n.addEventListener(i.slice(2),r):n.setAttribute(i,r===!0?"":r));for(let i of t)i!=null&&n.append(i);return n}function _e(s){let e="http://www.w3.org/2000/svg",t=document.createElementNS(e,"svg");t.setAttribute("viewBox","0 0 24 24"),t.setAttribute("aria-hidden","true"),t.setAttribute("focusable","false");let n=document.createElementNS(e,"path");return n.setAttribute("d",s),t.append(n),t}var Nt="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z",Bt="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z";function Lt(){let s=new Uint8Array(16);return crypto.getRandomValues(s),Array.from(s,e=>e.toString(16).padStart(2,"0")).join("")}function Ts(s){return s.replace(/[.*+?^${}()|[\]\\]/g,"\\$&")}function Ss(s,e,t){let n=["\\[([^\\]\\n]{1,200})\\]\\(((?:https?:\\/\\/|tel:)[^\\s)]+)\\)",`(https?:\\/\\/[^\\s<>"]*[^\\s<>".,;:!?)\\]'])`];t.phone&&t.tel&&n.push("("+Ts(t.phone)+")");let i=new RegExp(n.join("|"),"g"),r=0,a;for(;a=i.exec(e);){a.index>r&&s.append(e.slice(r,a.index));let c,u;a[1]?[c,u]=[a[1],a[2]]:a[3]?c=u=a[3]:[c,u]=[a[4],"tel:"+t.tel];let _=/^https?:/.test(u),w=f("a",{href:u},c);_&&(w.target="_blank",w.rel="noopener noreferrer",w.append(f("span",{class:"sr",text:" "+g("new_tab")}))),s.append(w),r=i.lastIndex}r<e.length&&s.append(e.slice(r))}function As(s){return s.split(/\*\*(.+?)\*\*/).map((e,t)=>t%2?f("strong",{text:e}):e)}function Cs(){try{let s=JSON.parse(sessionStorage.getItem(qt)||"null");if(s&&s.v===1&&Array.isArray(s.messages))return s}catch{}return{v:1,sessionId:null,open:!1,messages:[]}}function Pt(){if(window.ITBWebchat)return;let s=ks(vs),e=Es(s.color),t=Cs(),n=new Map,i=null,r=!1,a=null,c=0,u=null,_=null,w=0,C=new Set,v=()=>{t.messages=t.messages.slice(-gs);try{sessionStorage.setItem(qt,JSON.stringify(t))}catch{}},J=f("div",{id:"itb-webchat"}),P=J.attachShadow({mode:"open"});try{let o=new CSSStyleSheet;o.replaceSync(He),P.adoptedStyleSheets=[o]}catch{P.append(f("style",{text:He}))}J.style.setProperty("--accent",e.accent),J.style.setProperty("--on-accent",e.onAccent),J.style.setProperty("--accent-text",e.accentText);let we=f("span",{text:g("launcher")}),ve=f("span",{class:"icon"},_e(Nt)),X=f("button",{type:"button",class:"launcher","aria-expanded":"false","aria-controls":"itb-panel"},ve,we),Ke=f("button",{type:"button",class:"close","aria-label":g("close")},_e(Bt)),ke=f("p",{class:"conn",role:"status"}),Ee=f("p",{class:"sr",role:"status"}),$=f("div",{class:"typing","aria-hidden":"true",hidden:!0},f("span"),f("span"),f("span")),U=f("div",{class:"log",role:"log","aria-live":"polite","aria-label":g("log"),tabindex:"0"},$),k=f("textarea",{id:"itb-input",rows:"1",maxlength:String(St),placeholder:g("input_placeholder"),autocomplete:"off",enterkeyhint:"send"}),j=f("form",{class:"compose",novalidate:!0},f("label",{class:"sr",for:"itb-input",text:g("input_label")}),k,f("button",{type:"submit",class:"send",text:g("send")})),It=f("div",{class:"actions"},f("button",{type:"button",class:"action",text:g("talk_to_person"),onclick:()=>Ae(xs,g("talk_to_person"))}),f("button",{type:"button",class:"action",text:g("start_over"),onclick:zt})),O=f("section",{id:"itb-panel",class:"panel",role:"dialog","aria-labelledby":"itb-title",hidden:!0},f("header",{class:"head"},f("div",{class:"titles"},f("h2",{id:"itb-title",text:s.title}),f("p",{class:"sub",text:g("subtitle")})),Ke),ke,U,It,j,Ee),he=f("aside",{class:"wrap","aria-label":g("region")},O,X);P.append(he);let Dt={key:"greeting",from:"bot",text:"",quick:s.suggestions};function Ut(o){let h=f("p",{class:"bubble"},f("span",{class:"sr",text:g(o.from==="user"?"you":"assistant")+" "}));return o.key==="greeting"?h.append(f("span",{class:"line"},s.greeting),...g("disclosure").split(`
`).map(l=>f("span",{class:"line"},...As(l)))):o.from==="bot"?Ss(h,o.text,s):h.append(o.text),f("div",{class:"msg "+o.from,"data-key":o.key},h)}function Ft(o,h,l){if(h.from==="user"){let y=h.status==="failed"?h.reason||g("not_sent"):h.status==="pending"&&!r?g("waiting"):h.status==="pending"?g("sending"):"",x=o.querySelector(".meta");if(!y){x&&x.remove();return}x||o.append(x=f("p",{class:"meta"})),x.textContent!==y&&(x.textContent=y),x.classList.toggle("failed",h.status==="failed");return}h.answer&&Mt(o,h);let m=l&&h.quick&&h.quick.length>0,p=o.querySelector(".chips");if(m&&!p){p=f("div",{class:"chips",role:"group","aria-label":g("suggestions")});for(let y of h.quick)p.append(f("button",{type:"button",class:"chip",text:y.title,onclick:()=>{Ae(y.payload,y.title),k.focus()}}));o.append(p)}else!m&&p&&(p.contains(P.activeElement)&&k.focus(),p.remove())}function Mt(o,h){let l=o.querySelector(".feedback");l||(l=f("div",{class:"feedback"},f("p",{class:"fb-status",role:"status","aria-live":"polite"})),o.append(l));let m=l.querySelector(".fb-status"),p=h.fb||"ask";if(l.dataset.view===p)return;let y=l.contains(P.activeElement);if(l.dataset.view=p,l.querySelectorAll(".fb-ask, .fb-form").forEach(x=>x.remove()),p==="ask")l.prepend(f("div",{class:"fb-ask",role:"group","aria-label":g("feedback_group")},f("span",{class:"fb-q",text:g("feedback_question")}),f("button",{type:"button",class:"fb-btn",text:g("feedback_yes"),onclick:()=>Te(h,!0,null)}),f("button",{type:"button",class:"fb-btn",text:g("feedback_no"),onclick:()=>{h.fb="comment",v(),E();let x=o.querySelector(".fb-form textarea");x&&x.focus()}}))),y&&l.querySelector(".fb-btn").focus();else if(p==="comment"){let x="itb-fb-"+ ++w,S=f("textarea",{id:x,rows:"2",maxlength:String(At)}),Q=f("form",{class:"fb-form",novalidate:!0},f("label",{for:x,text:g("feedback_comment_label")}),S,f("div",{class:"fb-row"},f("button",{type:"submit",class:"fb-btn",text:g("feedback_send")}),f("button",{type:"button",class:"fb-btn",text:g("feedback_skip"),onclick:()=>Te(h,!1,null)})));Q.addEventListener("submit",Ht=>{Ht.preventDefault(),Te(h,!1,S.value.trim().slice(0,At)||null)}),l.prepend(Q)}else p==="done"&&(y&&k.focus(),m.textContent=g("feedback_thanks"))}function Te(o,h,l){if(o.fb==="done"||C.has(o.key))return;C.add(o.key);let m={session_id:t.sessionId,message_id:o.key.slice(2),helpful:h};l&&(m.comment=l);let p=c,y=n.get(o.key)&&n.get(o.key).querySelector(".fb-status");le(),i.timeout(bs).emit("answer_feedback",m,(x,S)=>{if(C.delete(o.key),p===c){if(!x&&S&&S.ok)return o.fb="done",v(),E();y&&(y.textContent="",setTimeout(()=>y.textContent=g("feedback_not_sent"),50))}})}function E(){let o=[Dt,...t.messages],h=-1;o.forEach((y,x)=>y.from==="user"&&(h=x));let l=new Set,m=null;o.forEach((y,x)=>{let S=n.get(y.key);S||(S=Ut(y),n.set(y.key,S)),Ft(S,y,x>h);let Q=m?m.nextSibling:U.firstChild;S!==Q&&U.insertBefore(S,Q),m=S,l.add(y.key)});for(let[y,x]of n)l.has(y)||(x.contains(P.activeElement)&&k.focus(),x.remove(),n.delete(y));U.append($);let p=$.hidden;$.hidden=!(a&&r),p&&!$.hidden&&!_&&V(null)}function V(o){let h=U.scrollHeight-U.clientHeight;U.scrollTop=o&&o.isConnected?Math.min(o.offsetTop-12,h):h}function Se(o){ke.textContent!==o&&(ke.textContent=o)}function We(o){if(o.sender==="user")return{key:"u:"+o.id,id:o.id,from:"user",text:String(o.text||""),status:"sent"};let h=(o.quick_replies||o.buttons||[]).filter(m=>m&&m.title&&m.payload).slice(0,12).map(m=>({title:String(m.title),payload:String(m.payload)})),l={key:"b:"+(o.id||Lt()),from:"bot",text:String(o.text||""),quick:h};return o.id&&typeof o.answer=="string"&&o.answer&&(l.answer=o.answer),l}function Vt(o){let h=o.filter(p=>p&&typeof p=="object").map(We),l=new Map(t.messages.map(p=>[p.key,p])),m=new Set(h.map(p=>p.key));for(let p of h){let y=l.get(p.key);y&&p.from==="user"&&(p.text=y.text),y&&y.fb&&(p.fb=y.fb)}t.messages=h.concat(t.messages.filter(p=>!m.has(p.key)))}function Ae(o,h){let l=String(o).trim();if(!l)return;let m=Lt();t.messages.push({key:"u:"+m,id:m,from:"user",text:h||l,payload:l.slice(0,St),status:"pending"}),v(),_=null,E(),V(null),le(),z()}function z(){if(!r||a||!i)return;let o=t.messages.find(m=>m.from==="user"&&m.status==="pending");if(!o)return E();a=o.id;let h=c,l={message:o.payload||o.text,session_id:t.sessionId,message_id:o.id};o.payload&&o.payload!==o.text&&(l.metadata={display:o.text}),E(),i.timeout(ys).emit("user_uttered",l,(m,p)=>{if(!(h!==c||a!==o.id)){if(a=null,m||!p)return u=setTimeout(z,1e3),E();if(p.ok)return o.status="sent",v(),E(),_&&V(_),z();if(p.error==="rate_limited")return Ye(g("rate_limited")),u=setTimeout(z,Math.max(1,Number(p.retry_after)||5)*1e3),E();if(p.error==="no_session")return r=!1,i.emit("session_request",{session_id:t.sessionId}),E();o.status="failed",o.reason=p.error==="too_long"?g("too_long"):g("unreadable"),v(),z()}})}function Ye(o){Ee.textContent="",setTimeout(()=>Ee.textContent=o,50)}function le(){if(i)return;i=ae(s.server,{path:s.path,transports:["websocket","polling"],tryAllTransports:!0,withCredentials:!1,reconnectionDelay:1e3,reconnectionDelayMax:5e3});let o=setTimeout(()=>!r&&Se(g("connecting")),1500);i.on("connect",()=>{i.emit("session_request",{session_id:t.sessionId})}),i.on("session_confirm",l=>{let m=typeof l=="string"?l:l&&l.session_id;m&&(t.sessionId=m),v()}),i.on("session_history",l=>{if(!l||l.session_id!==t.sessionId)return;clearTimeout(o);let m=t.messages.length;Vt(Array.isArray(l.messages)?l.messages:[]),r=!0,Se(""),v(),E(),t.messages.length!==m&&V(_),z()}),i.on("bot_uttered",l=>{if(!l||typeof l!="object")return;let m=We(l);t.messages.some(p=>p.key===m.key)||(t.messages.push(m),v(),E(),(!_||!_.isConnected)&&(_=n.get(m.key)),V(_))});let h=()=>Se(g("offline"));i.on("disconnect",()=>{r=!1,a=null,c++,clearTimeout(u),h(),E()}),i.on("connect_error",()=>{clearTimeout(o),h()})}function zt(){c++,a=null,clearTimeout(u),t.messages=[],t.sessionId=null,_=null,v(),E(),i&&i.connected&&(r=!1,i.emit("session_request",{session_id:null})),Ye(g("started_over")),k.focus()}let Ce=matchMedia("(max-width: 480px), (max-height: 520px)");function Je(){return Ce.matches}let Xe=()=>!O.hidden&&Je()?O.setAttribute("aria-modal","true"):O.removeAttribute("aria-modal");Ce.addEventListener&&Ce.addEventListener("change",Xe);function Re(o=!0){O.hidden=!1,he.classList.add("open"),X.setAttribute("aria-expanded","true"),we.textContent=g("hide"),ve.replaceChildren(_e(Bt)),Xe(),t.open=!0,v(),le(),E(),V(null),o&&k.focus()}function fe(){O.hidden=!0,he.classList.remove("open"),X.setAttribute("aria-expanded","false"),we.textContent=g("launcher"),ve.replaceChildren(_e(Nt)),t.open=!1,v(),X.focus()}X.addEventListener("click",()=>O.hidden?Re():fe()),Ke.addEventListener("click",fe),he.addEventListener("keydown",o=>{if(o.key==="Escape"&&!o.isComposing&&!O.hidden)o.preventDefault(),fe();else if(o.key==="Tab"&&!O.hidden&&Je()){let h=Array.from(O.querySelectorAll("button, textarea, a[href], [tabindex='0']")),l=h[0],m=h[h.length-1];o.shiftKey&&P.activeElement===l?(o.preventDefault(),m.focus()):!o.shiftKey&&P.activeElement===m&&(o.preventDefault(),l.focus())}}),j.addEventListener("submit",o=>{o.preventDefault();let h=k.value.trim();if(!h)return k.focus();k.value="",$e(),Ae(h),k.focus()}),k.addEventListener("keydown",o=>{o.key==="Enter"&&!o.shiftKey&&!o.isComposing&&(o.preventDefault(),j.requestSubmit?j.requestSubmit():j.dispatchEvent(new Event("submit")))});function $e(){k.style.height="auto",k.style.height=Math.min(k.scrollHeight+2,132)+"px"}k.addEventListener("input",$e),document.body.append(J),E(),t.open?Re(!1):(t.sessionId||t.messages.some(o=>o.status==="pending"))&&le(),window.ITBWebchat={open:()=>Re(),close:fe}}document.body?Pt():document.addEventListener("DOMContentLoaded",Pt);})();
